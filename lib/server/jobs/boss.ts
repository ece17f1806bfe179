/** The pg-boss queue of this process (schema `pgboss`, created and migrated by pg-boss itself). */
import PgBoss from 'pg-boss';
import { env } from '@/lib/server/env';

const globalForBoss = globalThis as unknown as { churnlabBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  globalForBoss.churnlabBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, schema: 'pgboss', max: 4, maintenanceIntervalSeconds: 30 });
    boss.on('error', (err) => console.error('[queue]', err.message));
    await boss.start();
    return boss;
  })();
  return globalForBoss.churnlabBoss;
}

export async function stopBoss(opts: { graceful: boolean; timeout: number }): Promise<void> {
  const pending = globalForBoss.churnlabBoss;
  globalForBoss.churnlabBoss = undefined;
  if (pending) await (await pending).stop({ ...opts, wait: true });
}
