/** Runs (experiment tracking): listing, one run, comparison, artifacts. */
import { readFile } from 'node:fs/promises';
import type { RunDTO, RunSummaryDTO } from '@/lib/api/dto';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { contentPath } from '@/lib/server/storage/content-store';

export type { RunDTO, RunSummaryDTO };

type Row = Awaited<ReturnType<typeof findRuns>>[number];

function findRuns(where: { projectId?: string; id?: { in: string[] } }) {
  return db().run.findMany({ where, orderBy: { createdAt: 'desc' }, include: { snapshot: { select: { name: true } }, featureSpec: { select: { version: true } } } });
}

function summary(r: Row): RunSummaryDTO {
  return {
    id: r.id,
    name: r.name,
    family: r.family,
    status: r.status,
    snapshotId: r.snapshotId,
    snapshotName: r.snapshot.name,
    featureSpecVersion: r.featureSpec?.version ?? null,
    params: r.params as Record<string, unknown>,
    metrics: r.metrics as Record<string, unknown>,
    trainRows: r.trainRows,
    testRows: r.testRows,
    durationMs: r.durationMs,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById,
  };
}

function full(r: Row): RunDTO {
  return {
    ...summary(r),
    curves: r.curves as Record<string, unknown>,
    importance: r.importance as Record<string, unknown>,
    lineage: r.lineage as Record<string, unknown>,
    artifactHash: r.artifactHash,
    transformHash: r.transformHash,
    jobId: r.jobId,
    log: r.log,
  };
}

export async function listRuns(projectId: string): Promise<RunSummaryDTO[]> {
  return (await findRuns({ projectId })).map(summary);
}

export async function getRun(id: string): Promise<RunDTO> {
  const [r] = await findRuns({ id: { in: [id] } });
  if (!r) throw new AppError('not_found', `no run ${id}`);
  return full(r);
}

/** 2–5 runs side by side, in the order asked. */
export async function compareRuns(ids: string[]): Promise<RunDTO[]> {
  const unique = [...new Set(ids)];
  if (unique.length < 2 || unique.length > 5) throw new AppError('bad_request', `ids: compare 2 to 5 runs, got ${unique.length}`);
  const rows = await findRuns({ id: { in: unique } });
  if (rows.length !== unique.length) throw new AppError('not_found', `unknown run id among ${unique.join(', ')}`);
  return unique.map((id) => full(rows.find((r) => r.id === id)!));
}

/** The model or fitted-transform artifact of a run (JSON text). */
export async function runArtifact(id: string, kind: 'model' | 'transform'): Promise<{ fileName: string; body: Buffer }> {
  const run = await getRun(id);
  const hash = kind === 'model' ? run.artifactHash : run.transformHash;
  if (!hash) throw new AppError('not_found', `run ${id} has no ${kind} artifact`);
  return { fileName: `${run.name.replace(/[^\w.-]+/g, '_')}-${kind}-${hash.slice(0, 12)}.json`, body: await readFile(contentPath('artifacts', hash, 'json')) };
}
