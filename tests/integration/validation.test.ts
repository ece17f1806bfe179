import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let dataDir: string;
let scientistId: string;
let approverId: string;
let plainProjectId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-validation-'));
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  scientistId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  approverId = (await createUser({ email: 'appr@example.com', password: 'approver-pass', role: 'approver' })).id;
  plainProjectId = (await createProject(scientistId, { name: 'Plain' })).id;
});

afterAll(async () => {
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 });
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A small snapshot in the plain project: id, plan (a/b), spend (numbers, one null). */
async function plainSnapshot(name: string, spend: number[]): Promise<string> {
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  const { tableFromColumns } = await import('@/lib/data/table');
  const n = spend.length;
  const table = tableFromColumns({
    account_id: Array.from({ length: n }, (_, i) => `A${1000 + i}`),
    plan: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'a' : 'b')),
    spend: Float64Array.from(spend),
  });
  const { snapshot } = await createSnapshot({ projectId: plainProjectId, origin: 'upload', name, table, createdById: scientistId });
  return snapshot.id;
}

describe('suites', () => {
  it('a project with a snapshot gets a generated default v1; saves append versions; latest is the highest', async () => {
    const { listSuiteVersions, latestSuite, saveSuiteVersion } = await import('@/lib/server/validation/suites');
    await plainSnapshot('plain 1', [10, 20, 30, NaN, 50, 60]);
    const versions = await listSuiteVersions(plainProjectId);
    expect(versions).toHaveLength(1);
    const v1 = versions[0];
    expect(v1).toMatchObject({ name: 'default', version: 1, createdBy: null });
    const types = v1.suite.expectations.map((e) => `${e.expectation_type}:${(e.kwargs.column as string | undefined) ?? '*'}`);
    expect(types[0]).toBe('expect_table_columns_to_match_ordered_list:*');
    expect(v1.suite.expectations[0].kwargs.column_list).toEqual(['account_id', 'plan', 'spend']);
    expect(types).toContain('expect_column_values_to_be_in_set:plan');
    expect(types).toContain('expect_column_values_to_be_between:spend');
    expect(types).toContain('expect_column_values_to_not_be_null:account_id');
    expect(types.every((x) => !x.startsWith('expect_column_values_to_be_of_type'))).toBe(true);

    const v2 = await saveSuiteVersion(plainProjectId, scientistId, { expectations: v1.suite.expectations.slice(0, 2) });
    expect(v2).toMatchObject({ name: 'default', version: 2, createdBy: 'sci@example.com' });
    expect(v2.suite).toMatchObject({ name: 'default', version: 2 });
    const v3 = await saveSuiteVersion(plainProjectId, scientistId, { name: 'default', expectations: [] });
    expect(v3.version).toBe(3);
    expect((await latestSuite(plainProjectId))!.id).toBe(v3.id);
    expect((await listSuiteVersions(plainProjectId)).map((v) => v.version)).toEqual([3, 2, 1]);
    // Another name is its own sequence.
    expect((await saveSuiteVersion(plainProjectId, scientistId, { name: 'nightly', expectations: [] })).version).toBe(1);
  });

  const MALFORMED: { name: string; suite: unknown; message: RegExp }[] = [
    {
      name: 'unknown expectation type',
      suite: { expectations: [{ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'spend', min_value: 0 } }, { expectation_type: 'expect_column_to_be_shiny', kwargs: { column: 'x' } }] },
      message: /expectations\[1\]\.expectation_type: unknown expectation type "expect_column_to_be_shiny"/,
    },
    {
      name: 'wrongly typed kwarg',
      suite: { expectations: [{ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'spend', min_value: 'zero' } }] },
      message: /expectations\[0\]\.kwargs\.min_value: expected number/,
    },
    {
      name: 'misspelt kwarg',
      suite: { expectations: [{ expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'spend', mostyl: 0.9 } }] },
      message: /expectations\[0\]\.kwargs\.mostyl: unknown key/,
    },
    { name: 'bad suite name', suite: { name: '../etc', expectations: [] }, message: /name: suite name/ },
  ];
  for (const m of MALFORMED) {
    it(`malformed suite (${m.name}) → 4xx naming it, nothing saved`, async () => {
      const { saveSuiteVersion } = await import('@/lib/server/validation/suites');
      const { db } = await import('@/lib/server/db/client');
      const before = await db().expectationSuite.count();
      const err = await saveSuiteVersion(plainProjectId, scientistId, m.suite).catch((e) => e);
      expect(err.status).toBeGreaterThanOrEqual(400);
      expect(err.status).toBeLessThan(500);
      expect(err.message).toMatch(m.message);
      expect(await db().expectationSuite.count()).toBe(before);
    });
  }

  it('GX JSON round trip: export → import gives the same expectations (severity/enabled kept); bad GX → 422 naming the path', async () => {
    const { saveSuiteVersion, exportGxSuite, importGxSuite } = await import('@/lib/server/validation/suites');
    const saved = await saveSuiteVersion(plainProjectId, scientistId, {
      name: 'roundtrip',
      expectations: [
        { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'spend', min_value: 0, max_value: 100, mostly: 0.9 }, severity: 'warning' },
        { expectation_type: 'expect_column_values_to_be_in_set', kwargs: { column: 'plan', value_set: ['a', 'b'] }, enabled: false },
        { expectation_type: 'expect_column_values_to_match_regex', kwargs: { column: 'account_id', regex: '^A\\d+$' } },
      ],
    });
    const out = await exportGxSuite(plainProjectId, 'roundtrip');
    expect(out).toMatchObject({ name: 'roundtrip', version: 1 });
    expect(out.json.expectation_suite_name).toBe('roundtrip');
    const text = JSON.stringify(out.json);
    const back = await importGxSuite(plainProjectId, scientistId, JSON.parse(text), 'roundtrip');
    expect(back.version).toBe(2);
    expect(back.suite.expectations).toEqual(saved.suite.expectations);

    const bad = { expectation_suite_name: 'x', expectations: [{ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'spend', max_value: [1] } }] };
    await expect(importGxSuite(plainProjectId, scientistId, bad)).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/expectations\[0\]\.kwargs\.max_value/) });
    await expect(exportGxSuite(plainProjectId, 'roundtrip', 9)).rejects.toMatchObject({ status: 404 });
  });
});

describe('validation runs and the gate', () => {
  it('a failed error blocks naming the expectation; warnings do not; approver override unblocks and is audited; a scientist cannot override', async () => {
    const { saveSuiteVersion } = await import('@/lib/server/validation/suites');
    const { runValidation, getValidationRun, listSnapshotRuns } = await import('@/lib/server/validation/run-validation');
    const { trainingGate, assertTrainable, recordOverride } = await import('@/lib/server/validation/gate');
    const { db } = await import('@/lib/server/db/client');
    const snap = await plainSnapshot('gate', [5, 15, 250, 35, 45, 55]);

    expect(await trainingGate(snap)).toMatchObject({ allowed: false, state: 'not_validated', reason: expect.stringMatching(/run validation first/) });
    await expect(assertTrainable(snap)).rejects.toMatchObject({ status: 409 });

    // Warning only: passes, gate open.
    const warnSuite = await saveSuiteVersion(plainProjectId, scientistId, {
      name: 'gate',
      expectations: [{ expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'spend', min_value: 0, max_value: 100 }, severity: 'warning' }],
    });
    const warnRun = await runValidation(plainProjectId, snap, warnSuite.id, scientistId);
    expect(warnRun).toMatchObject({ success: true, evaluated: 1, failedErrors: 0, failedWarnings: 1, suiteName: 'gate', suiteVersion: 1 });
    expect(await trainingGate(snap)).toMatchObject({ allowed: true, state: 'passed' });

    // Error severity: fails, gate closed naming the expectation and column; report names the failing row id.
    const errSuite = await saveSuiteVersion(plainProjectId, scientistId, {
      name: 'gate',
      expectations: [
        { expectation_type: 'expect_column_values_to_be_between', kwargs: { column: 'spend', min_value: 0, max_value: 100 } },
        { expectation_type: 'expect_column_values_to_be_in_set', kwargs: { column: 'plan', value_set: ['a'] }, severity: 'warning' },
      ],
    });
    const errRun = await runValidation(plainProjectId, snap, errSuite.id, scientistId);
    expect(errRun).toMatchObject({ success: false, failedErrors: 1, failedWarnings: 1, suiteVersion: 2 });
    const report = (await getValidationRun(errRun.id)).report as { results: { result: { partial_unexpected_index_list: string[]; partial_unexpected_list: number[] } }[]; meta: { id_column: string } };
    expect(report.meta.id_column).toBe('account_id');
    expect(report.results[0].result.partial_unexpected_index_list).toEqual(['A1002']);
    expect(report.results[0].result.partial_unexpected_list).toEqual([250]);
    const gate = await trainingGate(snap);
    expect(gate).toMatchObject({ allowed: false, state: 'failed', failed: [{ expectation_type: 'expect_column_values_to_be_between', column: 'spend' }] });
    await expect(assertTrainable(snap)).rejects.toMatchObject({
      status: 409,
      message: 'snapshot "gate" failed validation: expect_column_values_to_be_between (spend)',
    });
    expect((await listSnapshotRuns(snap)).map((r) => r.id)).toEqual([errRun.id, warnRun.id]);
    const { validateStageStatus } = await import('@/lib/server/validation/stage-status');
    expect(await validateStageStatus(plainProjectId)).toBe('failed');

    // A scientist cannot override; a short reason is refused; the approver can.
    await expect(recordOverride(snap, scientistId, 'looks fine to me, ship it')).rejects.toMatchObject({ status: 403 });
    await expect(recordOverride(snap, approverId, 'too short')).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/reason/) });
    const o = await recordOverride(snap, approverId, 'spend outlier is a known enterprise account');
    expect(o).toMatchObject({ approver: 'appr@example.com', validationRunId: errRun.id });
    expect(await validateStageStatus(plainProjectId)).toBe('passed');
    expect(await assertTrainable(snap)).toMatchObject({ allowed: true, state: 'overridden', reason: expect.stringMatching(/overridden by appr@example.com/) });
    const audit = await db().auditLog.findMany({ where: { action: 'validation.override', target: `snapshot:${snap}` } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: approverId, detail: expect.objectContaining({ validationRunId: errRun.id, reason: 'spend outlier is a known enterprise account' }) });

    // A new failing run is not covered by the old override.
    await runValidation(plainProjectId, snap, errSuite.id, scientistId);
    expect(await trainingGate(snap)).toMatchObject({ allowed: false, state: 'failed' });
    // Overriding a passing snapshot is refused.
    await runValidation(plainProjectId, snap, warnSuite.id, scientistId);
    await expect(recordOverride(snap, approverId, 'nothing wrong here actually')).rejects.toMatchObject({ status: 409 });
  });

  it('a snapshot or suite of another project is 404; a project with no suite lets training through', async () => {
    const { createProject } = await import('@/lib/server/projects/projects');
    const { runValidation } = await import('@/lib/server/validation/run-validation');
    const { trainingGate } = await import('@/lib/server/validation/gate');
    const other = (await createProject(scientistId, { name: 'Other' })).id;
    const snap = await plainSnapshot('foreign', [1, 2, 3]);
    await expect(runValidation(other, snap, null, scientistId)).rejects.toMatchObject({ status: 409 }); // no snapshot there → no default suite
    const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
    const { tableFromColumns } = await import('@/lib/data/table');
    const own = await createSnapshot({ projectId: other, origin: 'upload', name: 'own', table: tableFromColumns({ x: Float64Array.from([1, 2, 3, 4]) }) });
    expect(await trainingGate(own.snapshot.id)).toMatchObject({ allowed: true, state: 'no_suite' });
    await expect(runValidation(other, snap, null, scientistId)).rejects.toMatchObject({ status: 404 });
  });
});

describe('the seed suite on the synthetic source', () => {
  it('flags exactly the dirty rows the generator reports (age null / out of range, unknown gender, duplicate ids)', async () => {
    const { writeSqliteSource } = await import('@/lib/server/demo-source/write-sqlite-source');
    const { createSource } = await import('@/lib/server/sources/sources');
    const { createProject } = await import('@/lib/server/projects/projects');
    const { ingestJob } = await import('@/lib/server/jobs/ingest-job');
    const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
    const { loadSnapshotTable } = await import('@/lib/server/snapshots/snapshots');
    const { latestSuite } = await import('@/lib/server/validation/suites');
    const { runValidation } = await import('@/lib/server/validation/run-validation');
    const { trainingGate } = await import('@/lib/server/validation/gate');

    // Dirt rates raised so every kind occurs among ~400 customers; still ≤ 20 per kind (the report's sample cap).
    const { summary } = await writeSqliteSource(path.join(dataDir, 'seed-src.sqlite'), {
      customers: 400,
      seed: 11,
      dirty: { ageNull: 0.03, ageOutOfRange: 0.02, genderUnknown: 0.02, duplicateCustomer: 0.02 },
    });
    const projectId = (await createProject(scientistId, { name: 'Seed', description: '' }, { isDemo: true, slug: 'seed-demo' })).id;
    const source = await createSource(projectId, { kind: 'sqlite', name: 'synthetic', location: 'seed-src.sqlite' });
    // A window covering the whole source: its first to its last day.
    const days = Math.round((Date.parse(summary.window.end) - Date.parse(summary.window.start)) / 86_400_000) + 1;
    const job = await enqueueJob(ingestJob, { projectId, sourceId: source.id, end: summary.window.end, days }, { projectId, createdById: scientistId });
    const result = (await runJob(ingestJob, job.id, { workerId: 'test', log: () => {} })) as { snapshotId: string };

    const suite = (await latestSuite(projectId))!;
    expect(suite.version).toBe(1);
    expect(suite.suite.expectations.map((e) => e.expectation_type)).toEqual([
      'expect_table_columns_to_match_ordered_list',
      'expect_column_values_to_not_be_null',
      'expect_column_values_to_be_unique',
      'expect_column_values_to_not_be_null',
      'expect_column_values_to_be_between',
      'expect_column_values_to_be_between',
      'expect_column_values_to_be_in_set',
    ]);

    const { data } = await loadSnapshotTable(result.snapshotId);
    const present = new Set(Array.from(data.table.array('customer_id') as ArrayLike<string>));
    const expected = (ids: string[]) => [...new Set(ids.filter((id) => present.has(id)))].sort();
    const d = summary.dirty;
    const want = {
      ageNull: expected(d.ageNull.customerIds),
      ageOutOfRange: expected(d.ageOutOfRange.customerIds),
      genderUnknown: expected(d.genderUnknown.customerIds),
      duplicate: expected(d.duplicateCustomerRows.customerIds),
    };
    for (const [kind, ids] of Object.entries(want)) {
      expect(ids.length, `${kind} occurs in the window`).toBeGreaterThan(0);
      expect(ids.length, `${kind} within the sample cap`).toBeLessThanOrEqual(20);
    }

    const run = await runValidation(projectId, result.snapshotId, null, scientistId);
    type R = { success: boolean; expectation_config: { expectation_type: string; kwargs: { column?: string } }; result: { unexpected_count?: number; partial_unexpected_index_list?: string[] } };
    const results = (run.report as { results: R[] }).results;
    const at = (type: string, column: string) => results.find((r) => r.expectation_config.expectation_type === type && r.expectation_config.kwargs.column === column)!;
    const ids = (r: R) => [...new Set(r.result.partial_unexpected_index_list ?? [])].sort();

    expect(results[0].success).toBe(true); // 13 seed columns + churned, in order
    expect(ids(at('expect_column_values_to_not_be_null', 'age'))).toEqual(want.ageNull);
    expect(ids(at('expect_column_values_to_be_between', 'age'))).toEqual(want.ageOutOfRange);
    expect(ids(at('expect_column_values_to_be_in_set', 'gender'))).toEqual(want.genderUnknown);
    expect(ids(at('expect_column_values_to_be_unique', 'customer_id'))).toEqual(want.duplicate);
    expect(at('expect_column_values_to_not_be_null', 'customer_id').success).toBe(true);
    expect(run).toMatchObject({ success: false, failedErrors: 4 });

    const gate = await trainingGate(result.snapshotId);
    expect(gate.allowed).toBe(false);
    expect(gate.reason).toMatch(/expect_column_values_to_be_unique \(customer_id\)/);
    expect(gate.reason).toMatch(/expect_column_values_to_be_in_set \(gender\)/);
  });
});
