/** The one Prisma client of a process (PostgreSQL through the pg driver adapter). */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/server/generated/prisma/client';
import { env } from '@/lib/server/env';

const globalForPrisma = globalThis as unknown as { churnlabPrisma?: PrismaClient };

export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

/** Lazily created so that importing this module never touches the environment (e.g. during `next build`). */
export function db(): PrismaClient {
  globalForPrisma.churnlabPrisma ??= createPrismaClient(env().DATABASE_URL);
  return globalForPrisma.churnlabPrisma;
}

export type { PrismaClient };
