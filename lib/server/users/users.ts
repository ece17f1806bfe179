/** Users: creation, listing, role changes. Returns plain DTOs (never the password hash). */
import { z } from 'zod';
import { isRole, ROLES, type Role } from '@/lib/auth/roles';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@/lib/server/auth/password';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export interface UserDTO {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

function toDTO(u: { id: string; email: string; name: string | null; role: string; disabled: boolean; createdAt: Date; lastLoginAt: Date | null }): UserDTO {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: isRole(u.role) ? u.role : 'viewer',
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  };
}

export const createUserInput = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  name: z.string().trim().max(120).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200),
  role: z.enum(ROLES),
});

export async function createUser(input: z.input<typeof createUserInput>, actorId: string | null = null): Promise<UserDTO> {
  const data = createUserInput.parse(input);
  const existing = await db().user.findUnique({ where: { email: data.email } });
  if (existing) throw new AppError('conflict', `a user with email ${data.email} already exists`);
  const passwordHash = await hashPassword(data.password);
  const user = await db().$transaction(async (tx) => {
    const u = await tx.user.create({ data: { email: data.email, name: data.name ?? null, passwordHash, role: data.role } });
    await recordAudit({ actorId, action: 'user.create', target: `user:${u.id}`, detail: { email: u.email, role: u.role } }, tx);
    return u;
  });
  return toDTO(user);
}

export async function listUsers(): Promise<UserDTO[]> {
  const users = await db().user.findMany({ orderBy: { createdAt: 'asc' } });
  return users.map(toDTO);
}

export async function findUserByEmail(email: string) {
  return db().user.findUnique({ where: { email: email.toLowerCase() } });
}

/** Changes a role; an admin cannot demote the last admin (the installation would have none). */
export async function changeUserRole(actorId: string, userId: string, role: Role): Promise<UserDTO> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError('not_found', `no user ${userId}`);
    if (user.role === 'admin' && role !== 'admin') {
      const admins = await tx.user.count({ where: { role: 'admin', disabled: false } });
      if (admins <= 1) throw new AppError('conflict', 'cannot remove the last admin');
    }
    const updated = await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAudit({ actorId, action: 'user.role', target: `user:${userId}`, detail: { from: user.role, to: role } }, tx);
    return toDTO(updated);
  });
}
