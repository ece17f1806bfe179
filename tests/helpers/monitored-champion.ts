/**
 * The world the monitoring integration files share: a data directory, a fresh database, a scientist, a project,
 * and a small GBDT trained on synthetic customers and registered as `monitor-model` v1, champion.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import { createTestDatabase, type TestDatabase } from './test-database';

export const MONITOR_MODEL = 'monitor-model';

export interface MonitoredChampion {
  t: TestDatabase;
  dataDir: string;
  projectId: string;
  slug: string;
  userId: string;
  /** stops request metrics and the queue, drops the database and removes the data directory */
  close(): Promise<void>;
}

export async function setUpMonitoredChampion(): Promise<MonitoredChampion> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-monitor-'));
  process.env.DATA_DIR = dataDir;
  const t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  const userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  const p = await createProject(userId, { name: 'Monitor' });
  const train = await createSnapshot({ projectId: p.id, origin: 'upload', name: 'train', table: syntheticCustomers(4000, 7, 'T'), target: 'churned', positive: 'yes' });
  const { trainJob } = await import('@/lib/server/training/train-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const job = await enqueueJob(trainJob, { projectId: p.id, snapshotId: train.snapshot.id, family: 'gbdt', params: { max_iter: 20 } }, { projectId: p.id });
  const { runId } = (await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string };
  const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
  await registerRun({ id: userId, role: 'scientist' }, { id: p.id, slug: p.slug }, { runId, modelName: MONITOR_MODEL });
  await setAlias(null, MONITOR_MODEL, { alias: 'champion', version: 1, reason: 'test' });
  return {
    t,
    dataDir,
    projectId: p.id,
    slug: p.slug,
    userId,
    async close() {
      const { stopRequestMetrics } = await import('@/lib/server/monitoring/request-metrics');
      stopRequestMetrics();
      const { stopBoss } = await import('@/lib/server/jobs/boss');
      await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
      await t.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
