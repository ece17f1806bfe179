import { startEmbeddedPostgres } from '@/lib/server/db/embedded-postgres';

/**
 * Runs fn with a database URL: DATABASE_URL when set, else the embedded PostgreSQL in DATA_DIR (default
 * ./.data), started for the duration of fn and stopped after.
 */
export async function withDatabase(fn: (url: string) => Promise<void>): Promise<void> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await fn(external);
    return;
  }
  const db = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR ?? '.data', log: (l) => console.error(l) });
  try {
    await fn(db.url);
  } finally {
    await db.stop();
  }
}
