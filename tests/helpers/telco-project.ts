/**
 * The world the registry and serving integration files share: a data directory, a fresh database, a scientist
 * and an approver, a project, and (when ../shared has it) the Telco CSV uploaded as a snapshot, with 300 of its
 * records (every 23rd row) in the source schema, as API clients send them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setUpTestProject, type TestProject as BaseProject, type TestUser } from './test-project';

export const TELCO = path.resolve('../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');

export interface TelcoProject extends Omit<BaseProject, 'approver'> {
  approver: TestUser;
  /** the uploaded Telco snapshot ('' without the CSV) */
  snapshotId: string;
  records: Record<string, unknown>[];
  /** runs a training job on the snapshot; resolves to its run id */
  train(family: 'gbdt' | 'logreg', params: Record<string, unknown>): Promise<string>;
}

export async function setUpTelcoProject(name: string): Promise<TelcoProject> {
  const base = await setUpTestProject(name, { approver: true });
  const { project, sci } = base;
  const records: Record<string, unknown>[] = [];
  let snapshotId = '';
  if (existsSync(TELCO)) {
    const { receiveUpload, commitUpload } = await import('@/lib/server/uploads/uploads');
    const req = new Request('http://localhost/u', { method: 'POST', body: await readFile(TELCO), duplex: 'half' } as RequestInit);
    const draft = await receiveUpload(project.id, sci.id, 'telco.csv', req);
    snapshotId = (await commitUpload(draft.uploadId, { name: 'Telco', target: 'Churn', positive: 'Yes' })).snapshot.id;
    const { loadSnapshotTable } = await import('@/lib/server/snapshots/snapshots');
    const { data } = await loadSnapshotTable(snapshotId);
    const names = data.table.columnNames();
    const cols = names.map((n) => data.table.array(n));
    for (let i = 0; i < 300; i++) {
      const r: Record<string, unknown> = {};
      names.forEach((n, j) => {
        const v = cols[j][i * 23];
        r[n] = v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : typeof v === 'bigint' ? Number(v) : v;
      });
      records.push(r);
    }
  }
  return {
    ...base,
    approver: base.approver!,
    snapshotId,
    records,
    async train(family, params) {
      const { trainJob } = await import('@/lib/server/training/train-job');
      const { enqueueJob, runJob } = await import('@/lib/server/jobs/jobs');
      const job = await enqueueJob(trainJob, { projectId: project.id, snapshotId, family, params }, { projectId: project.id, createdById: sci.id });
      return ((await runJob(trainJob, job.id, { workerId: 'test', log: () => {} })) as { runId: string }).runId;
    },
  };
}
