/** Page-level guards: signed out → the sign-in page; below the role → the 403 page. */
import { forbidden, redirect } from 'next/navigation';
import { hasRole, type Role } from '@/lib/auth/roles';
import { getCurrentUser, type CurrentUser } from '@/lib/server/auth/session';

export async function requirePageUser(role: Role = 'viewer', from = '/'): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(from)}`);
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
