/**
 * The pipeline against a real PostgreSQL: all stages on an upload project (v1 becomes champion), the retrain
 * gate both ways on the same holdout, failing validation stopping the run before training, cancelling, the CLI, and
 * a SQL-source project whose data stage ingests. Schedules and the cron route: schedules.test.ts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTestProject, type TestProject } from '../helpers/test-project';

const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

let world: TestProject;
let dataDir: string;
let project: { id: string; slug: string };
let sci: { id: string };

async function runPipelineJob() {
  const { pipelineJob } = await import('@/lib/server/pipeline/pipeline-job');
  const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
  const job = await enqueueJob(pipelineJob, { projectId: project.id, trigger: 'cli' }, { projectId: project.id, createdById: sci.id });
  const outcome = await runJob(pipelineJob, job.id, { workerId: 'test', log: () => {} }).then(
    (r) => ({ ok: true as const, result: r }),
    (e: Error) => ({ ok: false as const, error: e }),
  );
  const { db } = await import('@/lib/server/db/client');
  const row = await db().pipelineRun.findFirstOrThrow({ where: { jobId: job.id }, orderBy: { createdAt: 'desc' } });
  const { getPipelineRun } = await import('@/lib/server/pipeline/pipeline-runs');
  return { jobId: job.id, outcome, run: await getPipelineRun(row.id) };
}

async function setSettings(patch: Record<string, unknown>) {
  const { updatePipelineSettings } = await import('@/lib/server/pipeline/settings');
  await updatePipelineSettings(project.id, patch, sci.id);
}

beforeAll(async () => {
  world = await setUpTestProject('Pipeline');
  ({ dataDir, project, sci } = world);
  if (!existsSync(TELCO)) return;
  const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
  const req = new Request('http://localhost/u', { method: 'POST', body: await readFile(TELCO), duplex: 'half' } as RequestInit);
  const draft = await receiveUpload(project.id, sci.id, 'telco.csv', req);
  await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' });
  await setSettings({ training: { params: { max_iter: 20 } } });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe.skipIf(!existsSync(TELCO))('the pipeline', () => {
  it('runs every stage on an upload project (no SQL source: newest snapshot) and makes v1 the champion', async () => {
    const { run, outcome, jobId } = await runPipelineJob();
    expect(outcome.ok, outcome.ok ? '' : outcome.error.message).toBe(true);
    expect(run).toMatchObject({ status: 'succeeded', failedStage: null, error: null, trigger: 'cli', jobId, createdBy: 'sci@example.com' });
    expect(run.stages.map((s) => [s.id, s.status])).toEqual([
      ['data', 'passed'],
      ['validate', 'passed'],
      ['features', 'passed'],
      ['train', 'passed'],
      ['evaluate', 'passed'],
      ['registry', 'passed'],
    ]);
    expect(run.stages[0].detail).toMatchObject({ ingested: false, rowCount: 7043 });
    expect(run.stages[0].summary).toMatch(/no SQL source/);
    expect(run.stages[1].detail).toMatchObject({ state: 'passed', failedErrors: 0 });
    expect(run.result).toMatchObject({ modelName: 'churn-model', version: 1, promoted: true, gate: { alias: 'champion', championVersion: null } });
    expect(run.result.gate!.reason).toMatch(/first version: no champion yet/);

    // The child training job has its own Job row; the run was trained with the settings' params.
    const { getJob } = await import('@/lib/server/jobs/jobs');
    expect((await getJob(run.result.trainJobId!)).status).toBe('succeeded');
    const { getRun } = await import('@/lib/server/training/runs');
    const trained = await getRun(run.result.runId!);
    expect(trained.params).toMatchObject({ max_iter: 20 });
    // The holdout is the run's own test split: the gate's AUC equals the training job's evaluation.
    expect(trained.testRows).toBe(run.result.gate!.holdoutRows);
    expect(run.result.gate!.candidateAuc).toBeCloseTo(Number(trained.metrics.rocAuc), 10);

    const { getModelDetail } = await import('@/lib/server/registry/registry');
    const d = await getModelDetail('churn-model');
    expect(d.model.champion).toMatchObject({ version: 1 });
    expect(d.transitions[0]).toMatchObject({ action: 'auto_promoted', alias: 'champion', toVersion: 1, actor: null });
  });

  it('retrain gate: a version not beating champion + margin stays challenger (reason recorded); a low enough margin promotes', async () => {
    const { getModelDetail } = await import('@/lib/server/registry/registry');
    await setSettings({ registry: { promoteMargin: 1 } });
    const declined = await runPipelineJob();
    expect(declined.outcome.ok).toBe(true);
    const g = declined.run.result.gate!;
    expect(declined.run.result).toMatchObject({ version: 2, promoted: false });
    expect(g).toMatchObject({ alias: 'challenger', championVersion: 1, margin: 1 });
    // Same snapshot, params and seed: the same model, scored on the same rows → the same AUC for both.
    expect(g.championAuc).toBe(g.candidateAuc);
    expect(g.reason).toMatch(/retrain gate: ROC AUC .* < champion v1 .* \+ margin 1 on the same holdout/);
    let d = await getModelDetail('churn-model');
    expect(d.model.champion).toMatchObject({ version: 1 });
    expect(d.model.challenger).toMatchObject({ version: 2 });
    expect(d.transitions[0]).toMatchObject({ action: 'auto_promotion_declined', alias: 'challenger', toVersion: 2, reason: g.reason });

    await setSettings({ registry: { promoteMargin: -1 } });
    const promoted = await runPipelineJob();
    expect(promoted.run.result).toMatchObject({ version: 3, promoted: true, gate: { alias: 'champion', championVersion: 1 } });
    expect(promoted.run.result.gate!.reason).toMatch(/retrain gate passed/);
    d = await getModelDetail('churn-model');
    expect(d.model.champion).toMatchObject({ version: 3 });
    expect(d.model.challenger).toMatchObject({ version: 2 });
    expect(d.transitions.find((x) => x.toVersion === 3 && x.alias === 'champion')).toMatchObject({ action: 'auto_promoted', fromVersion: 1 });
    await setSettings({ registry: { promoteMargin: 0.005 } });
  });

  it('retrain gate rules: auto-promotion off, validation not passed, champion unscorable', async () => {
    const { decideRetrainGate } = await import('@/lib/server/pipeline/retrain-gate');
    const base = { autoPromote: true, margin: 0.01, validationState: 'passed', candidateAuc: 0.85, champion: { version: 4, auc: 0.8 }, holdoutRows: 100 };
    expect(decideRetrainGate(base)).toMatchObject({ promoted: true, alias: 'champion' });
    expect(decideRetrainGate({ ...base, candidateAuc: 0.805 })).toMatchObject({ promoted: false, alias: 'challenger' });
    expect(decideRetrainGate({ ...base, candidateAuc: 0.81 })).toMatchObject({ promoted: true });
    expect(decideRetrainGate({ ...base, autoPromote: false })).toMatchObject({ promoted: false, reason: expect.stringMatching(/auto-promotion is off/) });
    expect(decideRetrainGate({ ...base, validationState: 'overridden' })).toMatchObject({ promoted: false, reason: expect.stringMatching(/validation did not pass \(overridden\)/) });
    expect(decideRetrainGate({ ...base, champion: { version: 4, auc: null, error: 'boom' } })).toMatchObject({ promoted: false, reason: expect.stringMatching(/could not be scored.*boom/) });
    expect(decideRetrainGate({ ...base, autoPromote: false, champion: null })).toMatchObject({ promoted: false, alias: 'challenger' });
  });

  it('cancelling the pipeline job stops the run and the training job it started', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { pipelineJob } = await import('@/lib/server/pipeline/pipeline-job');
    const { enqueueJob, runJob, cancelJob, getJob } = await import('@/lib/server/jobs/jobs');
    await setSettings({ training: { params: { max_iter: 3000 } } });
    const job = await enqueueJob(pipelineJob, { projectId: project.id, trigger: 'cli' }, { projectId: project.id, createdById: sci.id });
    const running = runJob(pipelineJob, job.id, { workerId: 'test', log: () => {} });
    let trainJobId: string | undefined;
    for (let i = 0; i < 600 && !trainJobId; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const row = await db().pipelineRun.findFirst({ where: { jobId: job.id } });
      const id = (row?.result as { trainJobId?: string } | undefined)?.trainJobId;
      if (id && (await getJob(id)).progress > 0.1) trainJobId = id;
    }
    expect(trainJobId).toBeDefined();
    await cancelJob(job.id);
    await expect(running).resolves.toBeUndefined();
    expect((await getJob(job.id)).status).toBe('cancelled');
    expect((await getJob(trainJobId!)).status).toBe('cancelled');
    const row = await db().pipelineRun.findFirstOrThrow({ where: { jobId: job.id } });
    expect(row).toMatchObject({ status: 'failed', failedStage: 'train', error: 'train: cancelled' });
    expect(await db().run.count({ where: { jobId: trainJobId } })).toBe(0);
    await setSettings({ training: { params: { max_iter: 20 } } });
  });

  it('a failing error-level expectation stops the run at validate, before any training', async () => {
    const { db } = await import('@/lib/server/db/client');
    const { latestSuite, saveSuiteVersion } = await import('@/lib/server/validation/suites');
    const suite = (await latestSuite(project.id))!;
    const good = suite.suite as { expectations: unknown[] };
    await saveSuiteVersion(project.id, sci.id, {
      ...good,
      expectations: [...good.expectations, { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'tenure', min_value: 0, max_value: 1 }, severity: 'error' }],
    });
    const runsBefore = await db().run.count({ where: { projectId: project.id } });
    const trainJobsBefore = await db().job.count({ where: { projectId: project.id, type: 'train' } });
    const { run, outcome, jobId } = await runPipelineJob();
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toMatch(/^pipeline failed at validate: .*expect_column_values_to_be_between \(tenure\)/);
    expect(run).toMatchObject({ status: 'failed', failedStage: 'validate' });
    expect(run.error).toMatch(/^validate: snapshot "Telco" failed validation: expect_column_values_to_be_between \(tenure\)/);
    expect(run.stages.map((s) => s.status)).toEqual(['passed', 'failed', 'not_started', 'not_started', 'not_started', 'not_started']);
    expect(run.stages[1].detail).toMatchObject({ state: 'failed', failed: [{ expectation_type: 'expect_column_values_to_be_between', column: 'tenure' }] });
    expect(await db().run.count({ where: { projectId: project.id } })).toBe(runsBefore);
    expect(await db().job.count({ where: { projectId: project.id, type: 'train' } })).toBe(trainJobsBefore);
    expect(await db().job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({ status: 'failed' });

    // An approver overrides that validation: the pipeline trains and registers, but the gate does not promote.
    const { createUser } = await import('@/lib/server/users/users');
    const { recordOverride } = await import('@/lib/server/validation/gate');
    const approver = await createUser({ email: 'appr@example.com', password: 'approver-pass', role: 'approver' });
    await recordOverride(run.result.snapshotId!, approver.id, 'known tenure issue, accepted for this retrain');
    await setSettings({ registry: { promoteMargin: -1 } });
    const overridden = await runPipelineJob();
    expect(overridden.run).toMatchObject({ status: 'succeeded', result: { promoted: false, gate: { alias: 'challenger' } } });
    expect(overridden.run.stages[1]).toMatchObject({ status: 'passed', detail: { state: 'overridden', revalidated: false } });
    expect(overridden.run.result.gate!.reason).toMatch(/validation did not pass \(overridden\)/);
    await setSettings({ registry: { promoteMargin: 0.005 } });
    await saveSuiteVersion(project.id, sci.id, good);

    const { listPipelineRuns } = await import('@/lib/server/pipeline/pipeline-runs');
    const list = await listPipelineRuns(project.id);
    expect(list.map((r) => r.status)).toEqual(['succeeded', 'failed', 'failed', 'succeeded', 'succeeded', 'succeeded']);
    expect(list[1]).toMatchObject({ id: run.id, failedStage: 'validate' });
  });

  it('runs from the CLI as `npm run pipeline -- --project <slug>`: exit 0 and a succeeded run triggered by cli; an unknown project exits 1 naming it', async () => {
    const { execFile } = await import('node:child_process');
    const npm = (args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('npm', ['run', '--silent', 'pipeline', '--', ...args], { env: { ...process.env, DATABASE_URL: world.t.url, DATA_DIR: dataDir }, timeout: 120_000 }, (err, stdout, stderr) =>
          resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
        );
      });
    const { listPipelineRuns } = await import('@/lib/server/pipeline/pipeline-runs');
    const before = (await listPipelineRuns(project.id)).length;
    const ok = await npm(['--project', project.slug]);
    expect(ok.code, ok.stderr).toBe(0);
    const runs = await listPipelineRuns(project.id);
    expect(runs.length).toBe(before + 1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', trigger: 'cli', failedStage: null });
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ job: runs[0].jobId });

    const missing = await npm(['--project', 'no-such-project']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/job failed: no project "no-such-project"/);
    expect((await listPipelineRuns(project.id)).length).toBe(before + 1);
  }, 180_000);
});

describe('the pipeline on a SQL source', () => {
  it('ingests a window ending a label horizon before the run date as its data stage, then runs every stage', async () => {
    const { writeSqliteSource } = await import('@/lib/server/demo-source/write-sqlite-source');
    const { createSource } = await import('@/lib/server/sources/sources');
    const { createProject } = await import('@/lib/server/projects/projects');
    const { updatePipelineSettings } = await import('@/lib/server/pipeline/settings');
    const { runPipeline } = await import('@/lib/server/pipeline/run-pipeline');
    const { getJob } = await import('@/lib/server/jobs/jobs');
    const { getSnapshot } = await import('@/lib/server/snapshots/snapshots');
    const p = await createProject(sci.id, { name: 'SQL pipeline' });
    // Clean data: the generator's default dirt (null/out-of-range ages, duplicates) fails the seed suite by design.
    const dirty = { ageNull: 0, ageOutOfRange: 0, genderUnknown: 0, duplicateCustomer: 0, chargesNull: 0, usageGap: 0 };
    await writeSqliteSource(path.join(dataDir, 'pipeline-src.sqlite'), { customers: 1500, seed: 11, dirty });
    const source = await createSource(p.id, { kind: 'sqlite', name: 'synthetic', location: 'pipeline-src.sqlite' });
    await updatePipelineSettings(p.id, { training: { params: { max_iter: 20, min_samples_leaf: 20 } } }, sci.id);
    // Run "on" 2026-10-30: the training window ends 30 days earlier so every churn label is observable.
    const run = await runPipeline({ projectId: p.id, trigger: 'cli', jobId: null, createdById: sci.id, workerId: 'test', now: new Date('2026-10-30T02:00:00Z') });
    expect(run.stages[0]).toMatchObject({ id: 'data', status: 'passed', detail: { ingested: true, sourceId: source.id, end: '2026-09-30', days: 30, horizonDays: 30, created: true } });
    expect((await getJob(run.result.ingestJobId!)).status).toBe('succeeded');
    expect(await getSnapshot(run.result.snapshotId!)).toMatchObject({ origin: 'ingest', windowStart: '2026-09-01', windowEnd: '2026-09-30', targetColumn: 'churned' });
    expect(run, JSON.stringify(run.stages.map((st) => [st.id, st.status, st.summary]))).toMatchObject({ status: 'succeeded', result: { version: 1, promoted: true } });
  });
});
