import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

let t: TestDatabase;
let dataDir: string;
let projectId: string;
let userId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'churnlab-data-in-'));
  process.env.DATA_DIR = dataDir;
  process.env.UPLOAD_MAX_BYTES = String(2_000_000);
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  userId = (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id;
  projectId = (await createProject(userId, { name: 'Data in' })).id;
});

afterAll(async () => {
  const { stopBoss } = await import('@/lib/server/jobs/boss');
  await stopBoss({ graceful: false, timeout: 1000 });
  await t.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function upload(body: BodyInit, size?: number): Request {
  const headers: Record<string, string> = {};
  if (size !== undefined) headers['content-length'] = String(size);
  return new Request('http://localhost/upload', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

const listDir = (sub: string) => (existsSync(path.join(dataDir, sub)) ? readdirSync(path.join(dataDir, sub)) : []);

describe('uploads', () => {
  it.skipIf(!existsSync(TELCO))('Telco CSV: 7,043 rows × 21 columns, TotalCharges numeric with 11 missing → snapshot, stored once', async () => {
    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const { loadSnapshotTable } = await import('@/lib/server/snapshots/snapshots');
    const bytes = await readFile(TELCO);
    const draft = await receiveUpload(projectId, userId, 'telco.csv', upload(bytes));
    expect(draft.format).toBe('csv');
    expect(draft.rowCount).toBe(7043);
    expect(draft.columns).toHaveLength(21);
    const total = draft.columns.find((c) => c.name === 'TotalCharges')!;
    expect(total).toMatchObject({ inferredType: 'numeric', missing: 11 });
    expect(draft.targetCandidates.at(-1)!.column).toBe('Churn');

    const { snapshot, created } = await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' });
    expect(created).toBe(true);
    expect(snapshot).toMatchObject({ rowCount: 7043, columnCount: 21, targetColumn: 'Churn', positiveValue: 'Yes', origin: 'upload' });
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(listDir('uploads')).toEqual([]);

    const { data } = await loadSnapshotTable(snapshot.id);
    expect(data.rowCount).toBe(7043);

    // The same data again: the same hash, no second file, the existing snapshot.
    const again = await receiveUpload(projectId, userId, 'telco-copy.csv', upload(bytes));
    const second = await commitUpload(again.uploadId, { name: 'Telco again', target: 'Churn', positive: 'Yes' });
    expect(second.created).toBe(false);
    expect(second.snapshot.id).toBe(snapshot.id);
    expect(listDir('snapshots').filter((f) => f.endsWith('.parquet'))).toHaveLength(1);
  });

  const MALFORMED: { name: string; body: () => Uint8Array | string; status: number; message: RegExp; size?: number }[] = [
    { name: 'ragged row', body: () => 'a,b,c\n1,2,3\n4,5\n', status: 422, message: /line 3/ },
    { name: 'binary garbage', body: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe, 0, 1]), status: 422, message: /line 1/ },
    { name: 'empty file', body: () => '', status: 422, message: /empty/ },
    { name: 'header only', body: () => 'customer_id,churned\n', status: 422, message: /no rows|header/ },
    { name: 'bad UTF-8', body: () => new Uint8Array([...Buffer.from('a,b\n1,'), 0xc3, 0x28, 0x0a]), status: 422, message: /UTF-8/ },
    { name: 'wrong type (a Parquet name on CSV bytes)', body: () => 'a,b\n1,2\n', status: 422, message: /Parquet|parquet/ },
    { name: 'over the size limit', body: () => 'x,y\n' + '1,2\n'.repeat(600_000), status: 413, message: /upload limit/ },
  ];
  for (const m of MALFORMED) {
    it(`${m.name} → ${m.status} naming the problem, nothing left behind`, async () => {
      const { receiveUpload } = await import('@/lib/server/uploads/uploads');
      const { db } = await import('@/lib/server/db/client');
      const before = await db().snapshot.count();
      const snapshotsBefore = listDir('snapshots').length;
      const fileName = m.name.startsWith('wrong type') ? 'data.parquet' : 'data.csv';
      const err = await receiveUpload(projectId, userId, fileName, upload(m.body() as BodyInit)).catch((e) => e);
      expect(err).toMatchObject({ status: m.status });
      expect(err.message).toMatch(m.message);
      expect(await db().snapshot.count()).toBe(before);
      expect(listDir('uploads')).toEqual([]);
      expect(listDir('snapshots').length).toBe(snapshotsBefore);
    });
  }

  it('commit refuses a missing target, a positive value that does not occur, and a non-binary target', async () => {
    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const draft = await receiveUpload(projectId, userId, 'small.csv', upload('id,plan,left\n1,a,yes\n2,b,no\n3,c,no\n'));
    await expect(commitUpload(draft.uploadId, { name: 's', target: 'nope', positive: 'yes' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/target: no column "nope"/) });
    await expect(commitUpload(draft.uploadId, { name: 's', target: 'left', positive: 'maybe' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/positive: "maybe" does not occur/) });
    await expect(commitUpload(draft.uploadId, { name: 's', target: 'plan', positive: 'a' })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/3 distinct values/) });
    const ok = await commitUpload(draft.uploadId, { name: 's', target: 'left', positive: 'yes' });
    expect(ok.snapshot.rowCount).toBe(3);
  });

  it('an upload nobody commits within UPLOAD_DRAFT_TTL_HOURS is removed when the next one arrives; a fresh one stays', async () => {
    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const csv = 'id,left\n1,yes\n2,no\n';
    const old = await receiveUpload(projectId, userId, 'old.csv', upload(csv));
    const fresh = await receiveUpload(projectId, userId, 'fresh.csv', upload(csv));
    // a reception that never finished (its process was stopped): a file without a description
    const orphan = path.join(dataDir, 'uploads', '00000000-0000-4000-8000-000000000000.part');
    await writeFile(orphan, 'id,left\n1,');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    for (const f of [`${old.uploadId}.part`, `${old.uploadId}.json`]) await utimes(path.join(dataDir, 'uploads', f), dayAgo, dayAgo);
    await utimes(orphan, dayAgo, dayAgo);
    const next = await receiveUpload(projectId, userId, 'next.csv', upload(csv));
    expect(listDir('uploads').sort()).toEqual([fresh.uploadId, next.uploadId].flatMap((id) => [`${id}.json`, `${id}.part`]).sort());
    await expect(commitUpload(old.uploadId, { name: 'late', target: 'left', positive: 'yes' })).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/expired: uploads are kept 24 h/) });
    for (const d of [fresh, next]) await commitUpload(d.uploadId, { name: 'kept', target: 'left', positive: 'yes' });
    expect(listDir('uploads')).toEqual([]);
  });
});

describe('ingest job', () => {
  it('runs the extracts into a snapshot; a rerun reuses it; cancelling a queued job cancels it', async () => {
    const { writeSqliteSource } = await import('@/lib/server/demo-source/write-sqlite-source');
    const { createSource } = await import('@/lib/server/sources/sources');
    const { ingestJob } = await import('@/lib/server/jobs/ingest-job');
    const { enqueueJob, runJob, cancelJob, getJob } = await import('@/lib/server/jobs/jobs');
    const { getSnapshot } = await import('@/lib/server/snapshots/snapshots');
    await writeSqliteSource(path.join(dataDir, 'src.sqlite'), { customers: 300, seed: 7 });
    const source = await createSource(projectId, { kind: 'sqlite', name: 'synthetic', location: 'src.sqlite' });
    await expect(createSource(projectId, { kind: 'sqlite', name: 'escape', location: '../../etc/passwd' })).rejects.toMatchObject({ status: 400 });

    const payload = { projectId, sourceId: source.id, end: '2026-09-30', days: 30 };
    const job = await enqueueJob(ingestJob, payload, { projectId, createdById: userId });
    expect(job.status).toBe('queued');
    const result = (await runJob(ingestJob, job.id, { workerId: 'test', log: () => {} })) as { snapshotId: string; rowCount: number; created: boolean };
    expect(result.created).toBe(true);
    expect(await getJob(job.id)).toMatchObject({ status: 'succeeded', progress: 1 });
    const snap = await getSnapshot(result.snapshotId);
    expect(snap).toMatchObject({ origin: 'ingest', windowStart: '2026-09-01', windowEnd: '2026-09-30', targetColumn: 'churned', positiveValue: '1' });
    expect(snap.columns.map((c) => c.name)).toEqual(['customer_id', 'signup_date', 'age', 'gender', 'location', 'contract_type', 'payment_method', 'avg_data_usage', 'avg_call_minutes', 'usage_days', 'avg_monthly_charges', 'late_payments', 'tenure', 'churned']);
    expect(snap.profile?.rowCount).toBe(snap.rowCount);

    // Redelivery of a finished job does nothing; the same window again reuses the snapshot.
    expect(await runJob(ingestJob, job.id, { workerId: 'test', log: () => {} })).toEqual(result);
    const rerun = await enqueueJob(ingestJob, payload, { projectId });
    const second = (await runJob(ingestJob, rerun.id, { workerId: 'test', log: () => {} })) as { snapshotId: string; created: boolean };
    expect(second).toMatchObject({ snapshotId: result.snapshotId, created: false });

    const queued = await enqueueJob(ingestJob, payload, { projectId });
    expect((await cancelJob(queued.id)).status).toBe('cancelled');
    await expect(cancelJob(queued.id)).rejects.toMatchObject({ status: 409 });
    expect(await runJob(ingestJob, queued.id, { workerId: 'test', log: () => {} })).toBeNull();
  });

  it('rejects a bad payload naming the field, and a failing source marks the job failed with the reason', async () => {
    const { ingestJob } = await import('@/lib/server/jobs/ingest-job');
    const { enqueueJob, runJob, getJob } = await import('@/lib/server/jobs/jobs');
    const { createSource } = await import('@/lib/server/sources/sources');
    await expect(enqueueJob(ingestJob, { projectId, sourceId: 'x', end: '30/09/2026' })).rejects.toThrow(/end/);
    const missing = await createSource(projectId, { kind: 'sqlite', name: 'missing file', location: 'nope.sqlite' });
    const job = await enqueueJob(ingestJob, { projectId, sourceId: missing.id, end: '2026-09-30' }, { projectId });
    await expect(runJob(ingestJob, job.id, { workerId: 'test', log: () => {} })).rejects.toThrow();
    const after = await getJob(job.id);
    expect(after.status).toBe('failed');
    expect(after.error).toMatch(/nope\.sqlite|unable to open|does not exist/i);
  });
});
