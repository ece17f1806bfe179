/**
 * The signed-in user of a request. The JWT names the user; role and status are read from the database on every
 * request, so a role change or a disabled account takes effect at once.
 */
import { getServerSession } from 'next-auth';
import { connection } from 'next/server';
import { hasRole, isRole, type Role } from '@/lib/auth/roles';
import { authOptions } from '@/lib/server/auth/options';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export async function getCurrentUser(): Promise<CurrentUser | null> {
  // Per-request by nature: never prerender at build time (and never read the environment then).
  await connection();
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabled: true } });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The current user, or an AppError: 401 when signed out, 403 below the required role. */
export async function requireUser(role: Role = 'viewer'): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthorized', 'sign in first');
  if (!hasRole(user.role, role)) throw new AppError('forbidden', `this needs the ${role} role; you are ${user.role}`);
  return user;
}
