/**
 * The world the monitoring integration files share: a project (test-project.ts) with a small GBDT trained on
 * synthetic customers and registered as `monitor-model` v1, champion.
 */
import { syntheticCustomers } from '@/lib/data/synthetic-customers';
import { setUpTestProject, type TestProject } from './test-project';

export const MONITOR_MODEL = 'monitor-model';

export async function setUpMonitoredChampion(): Promise<TestProject> {
  const base = await setUpTestProject('Monitor');
  const { project, sci } = base;
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  const train = await createSnapshot({ projectId: project.id, origin: 'upload', name: 'train', table: syntheticCustomers(4000, 7, 'T'), target: 'churned', positive: 'yes' });
  const { trainJob } = await import('@/lib/server/training/train-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const job = await enqueueJob(trainJob, { projectId: project.id, snapshotId: train.snapshot.id, family: 'gbdt', params: { max_iter: 20 } }, { projectId: project.id });
  const { runId } = (await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string };
  const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
  await registerRun(sci, project, { runId, modelName: MONITOR_MODEL });
  await setAlias(null, MONITOR_MODEL, { alias: 'champion', version: 1, reason: 'test' });
  return {
    ...base,
    async close() {
      const { stopRequestMetrics } = await import('@/lib/server/monitoring/request-metrics');
      stopRequestMetrics();
      await base.close();
    },
  };
}
