import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromColumns } from '@/lib/data/table';
import { fit, seedFeatureSpec, type FeatureSpec } from '@/lib/features';
import { syntheticSeedColumns } from '@/lib/features/seed-synthetic';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let dataDir: string;
let userId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-features-'));
  process.env.DATA_DIR = dataDir;
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
});

afterAll(async () => {
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function project(name: string): Promise<string> {
  const { createProject } = await import('@/lib/server/projects/projects');
  return (await createProject(userId, { name })).id;
}

/** A small Telco-shaped table: an id, text categoricals, TotalCharges as text with blanks, a constant, target Churn. */
function telcoLike(n: number) {
  const customerID: string[] = [];
  const gender: string[] = [];
  const Contract: string[] = [];
  const tenure: number[] = [];
  const TotalCharges: string[] = [];
  const Country: string[] = [];
  const Churn: string[] = [];
  for (let i = 0; i < n; i++) {
    customerID.push(`${1000 + i}-ABCDE`);
    gender.push(i % 2 ? 'Male' : 'Female');
    Contract.push(['Month-to-month', 'One year', 'Two year'][i % 3]);
    tenure.push(i % 72);
    TotalCharges.push(i % 50 === 0 ? ' ' : (20 + (i % 72) * 30.5).toFixed(2));
    Country.push('US');
    Churn.push(i % 4 === 0 ? 'Yes' : 'No');
  }
  return tableFromColumns({ customerID, gender, Contract, tenure, TotalCharges, Country, Churn });
}

async function snapshot(projectId: string, table: ReturnType<typeof tableFromColumns>, target: string, name = 'snap') {
  const { createSnapshot } = await import('@/lib/server/snapshots/snapshots');
  return (await createSnapshot({ projectId, origin: 'upload', name, table, target, createdById: userId })).snapshot;
}

describe('feature spec versions', () => {
  it('no snapshot → no default, no version; saves number 1, 2, … and list is newest first', async () => {
    const { defaultSpecFor, latestSpec, listSpecVersions, saveSpecVersion, getSpecVersion } = await import('@/lib/server/features/specs');
    const id = await project('Empty');
    expect(await defaultSpecFor(id)).toBeNull();
    expect(await listSpecVersions(id)).toEqual([]);
    expect(await latestSpec(id)).toBeNull();

    const spec: FeatureSpec = { format: 'churnlab.feature-spec', version: 1, target: 'y', steps: [{ type: 'drop', columns: ['a'] }] };
    const v1 = await saveSpecVersion(id, userId, spec, 'first');
    const v2 = await saveSpecVersion(id, userId, { ...spec, steps: [...spec.steps, { type: 'scale', method: 'minmax', columns: 'numeric' }] });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1).toMatchObject({ note: 'first', createdBy: 'sci@example.com', projectId: id });
    expect((await listSpecVersions(id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await latestSpec(id))!.spec.steps).toHaveLength(2);
    expect((await getSpecVersion(v1.id)).spec).toEqual(spec);
    await expect(getSpecVersion('nope')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('concurrent saves get distinct consecutive versions', async () => {
    const { saveSpecVersion } = await import('@/lib/server/features/specs');
    const id = await project('Concurrent');
    const saved = await Promise.all([1, 2, 3, 4].map(() => saveSpecVersion(id, userId, seedFeatureSpec())));
    expect(saved.map((s) => s.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it('default for the 13 seed columns is the seed spec, created once as version 1, and it fits the snapshot', async () => {
    const { defaultSpecFor, latestSpec, listSpecVersions } = await import('@/lib/server/features/specs');
    const id = await project('Seed');
    const table = tableFromColumns(syntheticSeedColumns(400, 7, 0.02));
    const snap = await snapshot(id, table, 'churned');
    expect((await defaultSpecFor(id))!.spec).toEqual(seedFeatureSpec());
    const [a, b] = await Promise.all([latestSpec(id), listSpecVersions(id)]);
    expect(a!.version).toBe(1);
    expect(a!.createdBy).toBeNull();
    expect(a!.spec).toEqual(seedFeatureSpec());
    expect(b.map((v) => v.version)).toEqual([1]);
    expect(await listSpecVersions(id)).toHaveLength(1);
    const { loadSnapshotTable } = await import('@/lib/server/snapshots/snapshots');
    const { data } = await loadSnapshotTable(snap.id);
    expect(fit(a!.spec, data.table).outputFeatures).toContain('avg_revenue_per_month');
  });

  it('default for a Telco-like upload comes from its profile: id and constant dropped, TotalCharges numeric', async () => {
    const { latestSpec } = await import('@/lib/server/features/specs');
    const id = await project('Telco-like');
    const table = telcoLike(300);
    await snapshot(id, table, 'Churn');
    const v = (await latestSpec(id))!;
    expect(v.version).toBe(1);
    expect(v.spec.target).toBe('Churn');
    const drop = v.spec.steps.find((s) => s.type === 'drop');
    expect(drop).toMatchObject({ type: 'drop', columns: ['customerID', 'Country'] });
    expect(v.spec.steps.map((s) => s.type)).toEqual(['drop', 'impute', 'impute', 'encode', 'scale']);
    const fitted = fit(v.spec, table);
    expect(fitted.inputColumns.find((c) => c.name === 'TotalCharges')!.kind).toBe('numeric');
    expect(fitted.outputFeatures).toEqual(expect.arrayContaining(['tenure', 'TotalCharges', 'gender=Male', 'Contract=Two year']));
  });

  const MALFORMED: { name: string; spec: (s: FeatureSpec) => unknown; status: number; message: RegExp; path: string }[] = [
    { name: 'unknown step type', spec: (s) => ({ ...s, steps: [...s.steps.slice(0, 2), { type: 'explode', columns: ['x'] }] }), status: 422, message: /steps\[2\]\.type/, path: 'steps[2].type' },
    {
      name: 'bad expression (unknown function)',
      spec: (s) => ({ ...s, steps: [...s.steps.slice(0, 2), { type: 'derive', name: 'x', expression: 'tenure + constructor(1)' }] }),
      status: 422,
      message: /steps\[2\]\.expression: at 9: .*constructor/,
      path: 'steps[2].expression',
    },
    { name: 'bad expression (syntax)', spec: (s) => ({ ...s, steps: [{ type: 'derive', name: 'x', expression: 'tenure +* 2' }] }), status: 422, message: /steps\[0\]\.expression: at 8/, path: 'steps[0].expression' },
    { name: 'bin labels do not match edges', spec: (s) => ({ ...s, steps: [{ type: 'bin', column: 'tenure', name: 'b', edges: [0, 1, 2], labels: ['a'] }] }), status: 422, message: /steps\[0\]\.labels/, path: 'steps[0].labels' },
    { name: 'wrong format', spec: (s) => ({ ...s, format: 'sklearn' }), status: 422, message: /format/, path: 'format' },
    { name: 'not an object', spec: () => 'steps', status: 422, message: /invalid feature spec/, path: '(root)' },
  ];
  for (const m of MALFORMED) {
    it(`malformed spec: ${m.name} → ${m.status} naming ${m.path}`, async () => {
      const { saveSpecVersion, listSpecVersions } = await import('@/lib/server/features/specs');
      const { toErrorResponse } = await import('@/lib/server/errors');
      const id = await project(`Malformed ${m.name}`);
      const err = await saveSpecVersion(id, userId, m.spec(seedFeatureSpec())).catch((e: unknown) => e);
      const res = toErrorResponse(err, () => {
        throw new Error('not an AppError');
      });
      expect(res.status).toBe(m.status);
      expect(res.body.error.message).toMatch(m.message);
      expect((res.body.error.issues as { path: string }[]).map((i) => i.path)).toContain(m.path);
      expect(await listSpecVersions(id)).toEqual([]);
    });
  }
});
