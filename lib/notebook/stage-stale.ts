/**
 * When a stage cell is stale, from what the server knows (lib/server/notebook/stage-facts): each rule compares
 * what a stage last produced with what is now upstream of it, and says why in one sentence for the badge's
 * tooltip. Only a stage that otherwise passed can be stale; running, failed and not-started stages keep their
 * status.
 *
 * The features stage has no rule: a feature spec is not tied to a snapshot (it is fitted inside each training
 * run), so a newer snapshot makes *train* stale, not the spec.
 */
import type { StageId, StageStatus } from '../pipeline/stages';

/** ISO times; ids are database ids, names are for people. */
export interface StageFacts {
  latestSnapshot: { id: string; name: string; createdAt: string } | null;
  latestValidation: { snapshotId: string; snapshotName: string; createdAt: string } | null;
  latestSpecVersion: number | null;
  /** the newest succeeded training run */
  latestRun: { id: string; name: string; snapshotId: string; snapshotName: string; specVersion: number | null; createdAt: string } | null;
  /** the newest registered version of any of the project's models */
  latestModelVersion: { model: string; version: number; runId: string; createdAt: string } | null;
  champion: { model: string; version: number; runId: string } | null;
}

/** Why each stale stage is stale (absent: not stale). */
export function staleStages(f: StageFacts): Partial<Record<StageId, string>> {
  const out: Partial<Record<StageId, string>> = {};
  const snap = f.latestSnapshot;
  if (snap && f.latestValidation && f.latestValidation.snapshotId !== snap.id) {
    out.validate = `The latest validation ran on snapshot "${f.latestValidation.snapshotName}"; the newest snapshot is "${snap.name}".`;
  }
  const run = f.latestRun;
  if (run) {
    const reasons: string[] = [];
    if (snap && run.snapshotId !== snap.id && run.createdAt < snap.createdAt) {
      reasons.push(`run "${run.name}" trained on snapshot "${run.snapshotName}"; the newest snapshot is "${snap.name}"`);
    }
    if (f.latestSpecVersion !== null && run.specVersion !== null && run.specVersion < f.latestSpecVersion) {
      reasons.push(`run "${run.name}" used feature spec v${run.specVersion}; the latest is v${f.latestSpecVersion}`);
    }
    if (reasons.length) {
      const why = reasons.join('; ');
      out.train = `${why[0].toUpperCase()}${why.slice(1)}.`;
      out.evaluate = `It evaluates the latest run, which is stale: ${why}.`;
    }
    const mv = f.latestModelVersion;
    if (mv && mv.runId !== run.id && mv.createdAt < run.createdAt) {
      out.registry = `Run "${run.name}" is newer than the latest registered version (${mv.model} v${mv.version}) and is not registered.`;
    }
  }
  const mv = f.latestModelVersion;
  if (f.champion && mv && mv.model === f.champion.model && mv.version > f.champion.version) {
    out.serve = `The champion ${f.champion.model} v${f.champion.version} is older than the latest version v${mv.version} (not promoted).`;
  }
  return out;
}

/** `status` as shown: a passed stage with a reason becomes 'stale'. */
export function withStaleness(status: StageStatus, reason: string | undefined): StageStatus {
  return status === 'passed' && reason ? 'stale' : status;
}
