/** Page-level guards: signed out → the sign-in page; below the role → the 403 page. */
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { hasRole, type Role } from '@/lib/auth/roles';
import { getCurrentUser, type CurrentUser } from '@/lib/server/auth/session';

export async function requirePageUser(role: Role = 'viewer', from?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) {
    const back = from ?? (await headers()).get('x-url-path') ?? '/';
    redirect(`/signin?callbackUrl=${encodeURIComponent(back.startsWith('/') ? back : '/')}`);
  }
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
