import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

let t: TestDatabase;
let dataDir: string;
let projectId: string;
let userId: string;
let snapshotId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-train-'));
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  projectId = (await createProject(userId, { name: 'Training' })).id;
  if (existsSync(TELCO)) {
    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const req = new Request('http://localhost/u', { method: 'POST', body: await readFile(TELCO), duplex: 'half' } as RequestInit);
    const draft = await receiveUpload(projectId, userId, 'telco.csv', req);
    snapshotId = (await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' })).snapshot.id;
  }
});

afterAll(async () => {
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 });
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(TELCO))('training job', () => {
  it('trains the seed GBDT on Telco in a worker thread, tracks one run with metrics, curves, importance and lineage', async () => {
    const { trainJob } = await import('@/lib/server/training/train-job');
    const { enqueueJob, runJob, getJob } = await import('@/lib/server/jobs/jobs');
    const { getRun, runArtifact } = await import('@/lib/server/training/runs');
    const job = await enqueueJob(trainJob, { projectId, snapshotId, family: 'gbdt', params: { early_stopping: true } }, { projectId, createdById: userId });
    const result = (await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string; rocAuc: number };
    expect(result.rocAuc).toBeGreaterThan(0.8);
    const run = await getRun(result.runId);
    expect(run).toMatchObject({ family: 'gbdt', trainRows: 5634, testRows: 1409, jobId: job.id });
    expect(run.metrics.rocAuc).toBeGreaterThan(0.8);
    expect((run.curves.roc as { fpr: number[] }).fpr.length).toBeGreaterThan(10);
    expect((run.curves.loss as unknown[]).length).toBeGreaterThan(5);
    expect((run.importance.meanAbsShap as { feature: string }[])[0].feature).toBeTruthy();
    expect(run.lineage).toMatchObject({ featureSpecVersion: null, split: { testFraction: 0.2, seed: 42 } });
    const job2 = await getJob(job.id);
    expect(job2.status).toBe('succeeded');
    expect((job2.detail as { loss: unknown[] }).loss.length).toBeGreaterThan(5);
    const model = JSON.parse((await runArtifact(run.id, 'model')).body.toString());
    expect(model.format).toBe('churnlab.gbdt');

    // A redelivered job makes no second run; the artifacts are content-addressed (no orphans on retry).
    expect(await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })).toEqual(result);
    const { db } = await import('@/lib/server/db/client');
    expect(await db().run.count({ where: { jobId: job.id } })).toBe(1);
    expect((await readdir(path.join(dataDir, 'artifacts'))).filter((f) => !f.startsWith('.'))).toHaveLength(2);
  });

  it('trains a tfjs logistic regression too', async () => {
    const { trainJob } = await import('@/lib/server/training/train-job');
    const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
    const job = await enqueueJob(trainJob, { projectId, snapshotId, family: 'logreg', params: { epochs: 5 } }, { projectId });
    const result = (await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { rocAuc: number };
    expect(result.rocAuc).toBeGreaterThan(0.75);
  });

  it('refuses bad params (naming them) and a snapshot that failed validation, unless overridden', async () => {
    const { trainJob } = await import('@/lib/server/training/train-job');
    const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
    const { parseParams } = await import('@/lib/server/training/model-families');
    expect(() => parseParams('gbdt', { learning_rate: -1 })).toThrow(/learning_rate/);
    expect(() => parseParams('gbdt', { max_itre: 10 })).toThrow(/max_itre/);
    const { db } = await import('@/lib/server/db/client');
    // Earlier trainings validated against the project's default suite: this failing run is against the next version.
    const last = await db().expectationSuite.findFirst({ where: { projectId, name: 'default' }, orderBy: { version: 'desc' } });
    const suite = await db().expectationSuite.create({ data: { projectId, name: 'default', version: (last?.version ?? 0) + 1, suite: {} } });
    const failed = await db().validationRun.create({
      data: {
        projectId, snapshotId, suiteId: suite.id, success: false, evaluated: 1, failedErrors: 1, failedWarnings: 0,
        report: { results: [{ success: false, severity: 'error', expectation_config: { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'TotalCharges' } } }] },
      },
    });
    const job = await enqueueJob(trainJob, { projectId, snapshotId, params: { max_iter: 5 } }, { projectId });
    await expect(runJob(trainJob, job.id, { workerId: 'test', log: () => {} })).rejects.toThrow(/failed validation: .*expect_column_values_to_not_be_null.*TotalCharges/);
    await db().validationOverride.create({ data: { snapshotId, validationRunId: failed.id, reason: 'known blanks', approverId: userId } });
    const again = await enqueueJob(trainJob, { projectId, snapshotId, params: { max_iter: 5 } }, { projectId });
    const ok = (await runJob(trainJob, again.id, { workerId: 'test', log: () => {} })) as { runId: string };
    const run = await db().run.findUniqueOrThrow({ where: { id: ok.runId } });
    expect((run.lineage as { overrideId: string }).overrideId).toBeTruthy();
  });
});
