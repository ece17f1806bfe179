/**
 * Feature spec versions: a project's feature spec is an append-only list of versions (1, 2, …); the latest one
 * is what training uses. A project with no version gets version 1 = its default spec on first read, computed
 * from its latest snapshot (`defaultSpecFor`).
 */
import type { FeatureSpecVersionDTO } from '@/lib/api/dto';
import { defaultSpecFromProfile, FeatureSpecError, parseFeatureSpec, seedFeatureSpec, SEED_COLUMNS, type FeatureSpec } from '@/lib/features';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { insertNextVersion } from '@/lib/server/db/next-version';
import { AppError } from '@/lib/server/errors';
import { listSnapshots, loadSnapshotTable } from '@/lib/server/snapshots/snapshots';

export type { FeatureSpecVersionDTO } from '@/lib/api/dto';

const NOTE_MAX = 500;
const SEED_TARGET = 'churned';

interface Row {
  id: string;
  projectId: string;
  version: number;
  spec: unknown;
  note: string;
  createdAt: Date;
  createdById: string | null;
}

async function toDTOs(rows: Row[]): Promise<FeatureSpecVersionDTO[]> {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => x !== null))];
  const users = ids.length === 0 ? [] : await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    version: r.version,
    spec: r.spec as FeatureSpec,
    note: r.note,
    createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A spec document that fails `parseFeatureSpec` → 422 whose message and `issues` name each bad path. */
export function specError(err: FeatureSpecError): AppError {
  return new AppError('unprocessable', err.message, { issues: err.issues });
}

/** Validates unknown JSON as a feature spec; throws AppError 422 naming the path (`steps[2].expression: at 12: …`). */
export function validateSpec(json: unknown): FeatureSpec {
  try {
    return parseFeatureSpec(json);
  } catch (e) {
    if (e instanceof FeatureSpecError) throw specError(e);
    throw e;
  }
}

/**
 * The default spec of a project, from its latest (non-archived) snapshot: `seedFeatureSpec()` when the snapshot
 * has the 13 seed columns and `churned`; otherwise `defaultSpecFromProfile(table, snapshot.targetColumn)`.
 * Null when the project has no snapshot, or its latest snapshot has no target column.
 */
export async function defaultSpecFor(projectId: string): Promise<{ spec: FeatureSpec; note: string } | null> {
  const [latest] = await listSnapshots(projectId);
  if (!latest) return null;
  const names = new Set(latest.columns.map((c) => c.name));
  if (SEED_COLUMNS.every((c) => names.has(c)) && names.has(SEED_TARGET)) {
    return { spec: seedFeatureSpec(), note: `default: the seed features (snapshot "${latest.name}")` };
  }
  if (!latest.targetColumn || !names.has(latest.targetColumn)) return null;
  const { data } = await loadSnapshotTable(latest.id);
  return { spec: defaultSpecFromProfile(data.table, latest.targetColumn), note: `default: from the profile of snapshot "${latest.name}"` };
}

async function insertVersion(projectId: string, userId: string | null, spec: FeatureSpec, note: string, onlyIfEmpty: boolean): Promise<Row | null> {
  return insertNextVersion({
    what: 'this feature spec',
    onlyIfEmpty,
    currentVersion: async () =>
      (await db().featureSpecVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' }, select: { version: true } }))?.version ?? null,
    insert: (version) =>
      db().$transaction(async (tx) => {
        const row = await tx.featureSpecVersion.create({ data: { projectId, version, spec: spec as object, note, createdById: userId } });
        await recordAudit({ actorId: userId, action: 'feature_spec.save', target: `feature-spec:${row.id}`, detail: { projectId, version: row.version } }, tx);
        return row;
      }),
  });
}

/** Creates version 1 from `defaultSpecFor` when the project has no version yet (idempotent, race-safe). */
export async function ensureDefaultSpec(projectId: string): Promise<void> {
  if ((await db().featureSpecVersion.count({ where: { projectId } })) > 0) return;
  const d = await defaultSpecFor(projectId);
  if (d) await insertVersion(projectId, null, d.spec, d.note, true);
}

/** Every version of a project's spec, newest first (creates the default version 1 first when there is none). */
export async function listSpecVersions(projectId: string): Promise<FeatureSpecVersionDTO[]> {
  await ensureDefaultSpec(projectId);
  const rows = await db().featureSpecVersion.findMany({ where: { projectId }, orderBy: { version: 'desc' } });
  return toDTOs(rows);
}

/** One version by id, or 404. */
export async function getSpecVersion(id: string): Promise<FeatureSpecVersionDTO> {
  const row = await db().featureSpecVersion.findUnique({ where: { id } });
  if (!row) throw new AppError('not_found', `no feature spec ${id}`);
  return (await toDTOs([row]))[0];
}

/**
 * The spec training should use: the project's latest version (creating the default version 1 when there is
 * none), or null when the project has neither a version nor a snapshot to derive a default from.
 * For the training job (issue F): `const v = await latestSpec(projectId); fit(v.spec, train, { targetColumn })`
 * and record `v.id` as `Run.featureSpecId`, `v.version` in the lineage. `v.spec` is already validated.
 */
export async function latestSpec(projectId: string): Promise<FeatureSpecVersionDTO | null> {
  await ensureDefaultSpec(projectId);
  const row = await db().featureSpecVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
  if (!row) return null;
  const [dto] = await toDTOs([row]);
  return { ...dto, spec: parseFeatureSpec(dto.spec) };
}

/**
 * Saves `specJson` as the project's next version (max + 1). Invalid JSON → AppError 422 whose message names
 * each bad path, e.g. `steps[2].expression: at 12: unknown function "constructor"`.
 */
export async function saveSpecVersion(projectId: string, userId: string | null, specJson: unknown, note = ''): Promise<FeatureSpecVersionDTO> {
  const spec = validateSpec(specJson);
  if (note.length > NOTE_MAX) throw new AppError('bad_request', `note is over ${NOTE_MAX} characters`);
  const row = await insertVersion(projectId, userId, spec, note.trim(), false);
  return (await toDTOs([row!]))[0];
}
