import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';
import { AppError } from '@/lib/server/errors';
import { withRoute } from '@/lib/server/http/with-route';
import { changeUserRole } from '@/lib/server/users/users';

const body = z.object({ role: z.enum(ROLES) });

export const PATCH = withRoute<{ id: string }>({ role: 'admin' }, async ({ json, params, user }) => {
  const { role } = await json(body);
  if (params.id === user!.id) throw new AppError('conflict', 'you cannot change your own role');
  return changeUserRole(user!.id, params.id, role);
});
