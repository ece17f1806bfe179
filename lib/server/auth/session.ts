/**
 * The signed-in user of a request. The JWT names the user; role and status are read from the database on every
 * request, so a role change or a disabled account takes effect at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getServerSession, type Session } from 'next-auth';
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
  return userOfSession(await getServerSession(authOptions()));
}

/**
 * The signed-in user of a request served on Node's own request and response (a Next API route, `pages/api`): the
 * same session cookie and the same checks. Next gives such a request its parsed `cookies` (a plain Node server
 * does not: no session there). The session's refreshed cookie is set on `res`.
 */
export async function getCurrentUserOfNodeRequest(req: IncomingMessage & { cookies?: Partial<Record<string, string>> }, res: ServerResponse): Promise<CurrentUser | null> {
  const cookies = req.cookies;
  if (!cookies || Object.keys(cookies).length === 0) return null;
  // next-auth's Pages Router form reads `headers` and `cookies` from the request and sets cookies on the response.
  return userOfSession(await getServerSession({ headers: req.headers, cookies } as never, res as never, authOptions()));
}

/** The session's user from the database (role and status as they are now), or null. */
async function userOfSession(session: Session | null): Promise<CurrentUser | null> {
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, disabled: true } });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** 401 when signed out, 403 below `role`. */
export function checkUserRole(user: CurrentUser | null, role: Role): CurrentUser {
  if (!user) throw new AppError('unauthorized', 'sign in first');
  if (!hasRole(user.role, role)) throw new AppError('forbidden', `this needs the ${role} role; you are ${user.role}`);
  return user;
}

/** The current user, or an AppError: 401 when signed out, 403 below the required role. */
export async function requireUser(role: Role = 'viewer'): Promise<CurrentUser> {
  return checkUserRole(await getCurrentUser(), role);
}
