/**
 * The retrain gate. The candidate (the run the pipeline just trained) and the current champion are scored on the
 * SAME fresh holdout — the candidate run's test split of the new snapshot, reproduced from its lineage — and the
 * candidate becomes champion automatically only if auto-promotion is on, its validation passed, and
 * AUC(candidate) ≥ AUC(champion) + margin. Otherwise it becomes challenger and the reason is recorded.
 */
import { readFile } from 'node:fs/promises';
import type { RetrainGateDecision } from '@/lib/pipeline/settings';
import { isMissing, type TableLike } from '@/lib/data/table';
import { stratifiedTrainTestSplit } from '@/lib/ml/gbdt';
import { rocAuc } from '@/lib/ml/metrics';
import type { InputField } from '@/lib/serving/input-schema';
import { Scorer } from '@/lib/serving/scorer';
import { db } from '@/lib/server/db/client';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { contentPath } from '@/lib/server/storage/content-store';

async function artifact(hash: string): Promise<unknown> {
  return JSON.parse(await readFile(contentPath('artifacts', hash, 'json'), 'utf8'));
}

export interface Holdout {
  /** raw records of the test rows, every column as stored in the snapshot */
  records: Record<string, unknown>[];
  y: Uint8Array;
}

/**
 * The test rows of a training run, reproduced exactly as the training job split them: rows with a label, the
 * positive value → 1, then `stratifiedTrainTestSplit(y, testFraction, seed)` from the run's lineage.
 */
export async function reproduceHoldout(runId: string): Promise<Holdout> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { snapshotId: true, lineage: true } });
  const split = ((run.lineage ?? {}) as { split?: { testFraction?: unknown; seed?: unknown } }).split;
  if (typeof split?.testFraction !== 'number' || typeof split.seed !== 'number') throw new TypeError(`run ${runId} has no split in its lineage`);
  const { snapshot, data } = await loadSnapshotTable(run.snapshotId);
  const target = snapshot.targetColumn;
  if (!target || snapshot.positiveValue === null) throw new TypeError(`snapshot "${snapshot.name}" has no target column`);
  const col = data.table.array(target);
  const keep: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < col.length; i++) {
    if (isMissing(col[i])) continue;
    keep.push(i);
    labels.push(String(col[i]) === snapshot.positiveValue ? 1 : 0);
  }
  const y = Uint8Array.from(labels);
  const test = stratifiedTrainTestSplit(y, split.testFraction, split.seed).test;
  return { records: recordsOf(data.table, Array.from(test, (i) => keep[i])), y: Uint8Array.from(test, (i) => y[i]) };
}

function recordsOf(table: TableLike, rows: number[]): Record<string, unknown>[] {
  const names = table.columnNames();
  const cols = names.map((n) => table.array(n));
  return rows.map((r) => {
    const rec: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) rec[names[j]] = cols[j][r];
    return rec;
  });
}

/** ROC AUC of a scorer on the holdout (probabilities only, no reasons). */
export function holdoutAuc(scorer: Scorer, h: Holdout): number {
  const p = new Float64Array(h.records.length);
  for (let i = 0; i < p.length; i++) p[i] = scorer.score(h.records[i], false).probability;
  return rocAuc(h.y, p);
}

/** A scorer of a run's artifacts (threshold and input schema do not matter for an AUC). */
export async function runScorer(runId: string, version?: { threshold: number; inputSchema: unknown; reference: unknown }): Promise<Scorer> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { artifactHash: true, transformHash: true, name: true } });
  if (!run.artifactHash || !run.transformHash) throw new TypeError(`run "${run.name}" has no artifacts`);
  const [model, transform] = await Promise.all([artifact(run.artifactHash), artifact(run.transformHash)]);
  return new Scorer({
    model,
    transform,
    threshold: version?.threshold ?? 0.5,
    inputSchema: (version?.inputSchema as InputField[] | undefined) ?? [],
    reference: (version?.reference as number[] | undefined) ?? [],
  });
}

export interface GateInput {
  autoPromote: boolean;
  margin: number;
  /** the candidate run's validation state (lineage.validationState): 'passed' or 'no_suite' may promote */
  validationState: string | null;
  candidateAuc: number;
  champion: { version: number; auc: number | null; error?: string } | null;
  holdoutRows: number;
}

const fmt = (x: number) => x.toFixed(4);

/** The gate's decision and its reason (pure). */
export function decideRetrainGate(g: GateInput): RetrainGateDecision {
  const base = { candidateAuc: g.candidateAuc, championVersion: g.champion?.version ?? null, championAuc: g.champion?.auc ?? null, margin: g.margin, holdoutRows: g.holdoutRows };
  const decline = (reason: string): RetrainGateDecision => ({ ...base, promoted: false, alias: 'challenger', reason });
  const on = `on the same holdout (${g.holdoutRows} rows)`;
  if (!g.autoPromote) return decline(`auto-promotion is off: an approver decides (ROC AUC ${fmt(g.candidateAuc)}${g.champion?.auc != null ? ` vs champion v${g.champion.version} ${fmt(g.champion.auc)} ${on}` : ''})`);
  if (g.validationState !== 'passed' && g.validationState !== 'no_suite') return decline(`validation did not pass (${g.validationState ?? 'unknown'}): not promoted automatically`);
  if (!g.champion) return { ...base, promoted: true, alias: 'champion', reason: `first version: no champion yet (holdout ROC AUC ${fmt(g.candidateAuc)}, ${g.holdoutRows} rows)` };
  if (g.champion.auc === null || !Number.isFinite(g.champion.auc)) {
    return decline(`champion v${g.champion.version} could not be scored on the new holdout${g.champion.error ? ` (${g.champion.error})` : ''}: an approver decides`);
  }
  const need = g.champion.auc + g.margin;
  if (g.candidateAuc >= need) {
    return { ...base, promoted: true, alias: 'champion', reason: `retrain gate passed: ROC AUC ${fmt(g.candidateAuc)} ≥ champion v${g.champion.version} ${fmt(g.champion.auc)} + margin ${g.margin} ${on}` };
  }
  return decline(`retrain gate: ROC AUC ${fmt(g.candidateAuc)} < champion v${g.champion.version} ${fmt(g.champion.auc)} + margin ${g.margin} ${on}`);
}
