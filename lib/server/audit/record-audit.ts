import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';

type Tx = Prisma.TransactionClient;

/** Appends one audit entry (inside the caller's transaction when given, so the change and its record commit together). */
export async function recordAudit(
  entry: { actorId: string | null; action: string; target: string; detail?: Record<string, unknown> },
  tx?: Tx,
): Promise<void> {
  await (tx ?? db()).auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, target: entry.target, detail: (entry.detail ?? {}) as Prisma.InputJsonValue },
  });
}
