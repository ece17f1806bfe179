/**
 * Expectation suite versions. A project's suite is an append-only list of versions (1, 2, …) per suite name
 * (default name `'default'`); the latest version is what validation runs use unless a version is named.
 *
 * Default suite (created as version 1 the first time the project's suite is read, when it has none):
 * - the demo project, and any project whose latest snapshot has the 13 seed columns: `seedSuite()` — with its
 *   ordered column list set to the snapshot's columns (the 13 seed columns plus the ingest label `churned`), since
 *   `expect_table_columns_to_match_ordered_list` is exact and an ingested snapshot always carries the label;
 *   the demo project without a snapshot yet gets the 13 seed columns + `churned`;
 * - any other project with a snapshot: generated from its latest snapshot — the ordered column list, then per
 *   column the `suggestExpectations` proposals of kind not-null / in-set / between (types and uniqueness are left
 *   to the editor, being the least stable across loads);
 * - a project without snapshots gets no default (the editor can still build and save one).
 */
import type { SuiteVersionDTO } from '@/lib/api/dto';
import { db } from '@/lib/server/db/client';
import { insertNextVersion } from '@/lib/server/db/next-version';
import { AppError } from '@/lib/server/errors';
import { listSnapshots, loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { recordAudit } from '@/lib/server/audit/record-audit';
import {
  createSuite,
  fromGxSuiteJson,
  parseSuite,
  seedSuite,
  SEED_COLUMNS,
  suggestExpectations,
  SuiteValidationError,
  toGxSuiteJson,
  type ExpectationInput,
  type ExpectationSuite,
} from '@/lib/validation';

export type { SuiteVersionDTO } from '@/lib/api/dto';

export const DEFAULT_SUITE_NAME = 'default';
const SEED_TARGET = 'churned';
const SUGGESTED_KINDS = new Set(['expect_column_values_to_not_be_null', 'expect_column_values_to_be_in_set', 'expect_column_values_to_be_between']);
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface Row {
  id: string;
  projectId: string;
  name: string;
  version: number;
  suite: unknown;
  createdById: string | null;
  createdAt: Date;
}

async function toDTOs(rows: Row[]): Promise<SuiteVersionDTO[]> {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => x !== null))];
  const users = ids.length === 0 ? [] : await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    name: r.name,
    version: r.version,
    suite: r.suite as SuiteVersionDTO['suite'],
    createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A suite name from a query or body: 1–64 of `[A-Za-z0-9_.-]`; 400 naming it otherwise. */
export function checkSuiteName(name: string | null | undefined): string {
  const n = name ?? DEFAULT_SUITE_NAME;
  if (!NAME_RE.test(n)) throw new AppError('bad_request', `name: suite name ${JSON.stringify(n)} must be 1–64 letters, digits, '_', '.', '-'`);
  return n;
}

/** `SuiteValidationError` → AppError 422 whose message names each issue path (`expectations[3].kwargs.min_value: …`). */
export function suiteError(err: SuiteValidationError): AppError {
  return new AppError('unprocessable', err.message, { issues: err.issues });
}

function parseOr422(parse: () => ExpectationSuite): ExpectationSuite {
  try {
    return parse();
  } catch (e) {
    if (e instanceof SuiteValidationError) throw suiteError(e);
    throw e;
  }
}

/** The default suite of a project (see the module comment), or null when nothing can be derived. */
export async function defaultSuiteFor(projectId: string): Promise<{ suite: ExpectationSuite; source: string } | null> {
  const project = await db().project.findUnique({ where: { id: projectId }, select: { isDemo: true } });
  if (!project) throw new AppError('not_found', `no project ${projectId}`);
  const [latest] = await listSnapshots(projectId);
  const names = latest ? latest.columns.map((c) => c.name) : [];
  const seedShaped = latest !== undefined && SEED_COLUMNS.every((c) => names.includes(c));
  if (project.isDemo || seedShaped) {
    const suite = seedSuite();
    const columnList = seedShaped ? names : [...SEED_COLUMNS, SEED_TARGET];
    const first = suite.expectations[0];
    if (first.expectation_type === 'expect_table_columns_to_match_ordered_list') first.kwargs.column_list = columnList;
    suite.meta = { ...suite.meta, default: latest ? `seed suite, columns of snapshot "${latest.name}"` : 'seed suite' };
    return { suite, source: 'seed' };
  }
  if (!latest) return null;
  const { data } = await loadSnapshotTable(latest.id);
  const cols = data.table.columnNames();
  const expectations: ExpectationInput[] = [{ expectation_type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: cols } }];
  for (const c of cols) {
    for (const s of suggestExpectations(data.table, c)) if (SUGGESTED_KINDS.has(s.expectation_type)) expectations.push(s);
  }
  return { suite: createSuite(DEFAULT_SUITE_NAME, expectations, { default: `generated from snapshot "${latest.name}"` }), source: 'generated' };
}

async function insertVersion(projectId: string, userId: string | null, name: string, suite: ExpectationSuite, onlyIfEmpty: boolean, action: string): Promise<Row | null> {
  return insertNextVersion({
    what: 'this suite',
    onlyIfEmpty,
    currentVersion: async () =>
      (await db().expectationSuite.findFirst({ where: { projectId, name }, orderBy: { version: 'desc' }, select: { version: true } }))?.version ?? null,
    insert: (version) =>
      db().$transaction(async (tx) => {
        const doc = { ...suite, name, version };
        const row = await tx.expectationSuite.create({ data: { projectId, name, version, suite: doc as object, createdById: userId } });
        await recordAudit({ actorId: userId, action, target: `suite:${row.id}`, detail: { projectId, name, version, expectations: suite.expectations.length } }, tx);
        return row;
      }),
  });
}

/** Creates version 1 of `'default'` from `defaultSuiteFor` when the project has no suite at all (idempotent, race-safe). */
export async function ensureDefaultSuite(projectId: string): Promise<void> {
  if ((await db().expectationSuite.count({ where: { projectId } })) > 0) return;
  const d = await defaultSuiteFor(projectId);
  if (d) await insertVersion(projectId, null, DEFAULT_SUITE_NAME, d.suite, true, 'suite.default');
}

/** Every version of the project's suites (all names unless `name`), newest first; creates the default first. */
export async function listSuiteVersions(projectId: string, name?: string): Promise<SuiteVersionDTO[]> {
  await ensureDefaultSuite(projectId);
  const rows = await db().expectationSuite.findMany({ where: { projectId, ...(name ? { name } : {}) }, orderBy: [{ createdAt: 'desc' }, { version: 'desc' }] });
  return toDTOs(rows);
}

/** The latest version of suite `name` (default `'default'`; created from `defaultSuiteFor` if missing), or null. */
export async function latestSuite(projectId: string, name = DEFAULT_SUITE_NAME): Promise<SuiteVersionDTO | null> {
  await ensureDefaultSuite(projectId);
  const row = await db().expectationSuite.findFirst({ where: { projectId, name }, orderBy: { version: 'desc' } });
  return row ? (await toDTOs([row]))[0] : null;
}

/** One version by id (404 otherwise); `projectId` given → 404 unless it belongs to that project. */
export async function getSuiteVersion(id: string, projectId?: string): Promise<SuiteVersionDTO> {
  const row = await db().expectationSuite.findUnique({ where: { id } });
  if (!row || (projectId !== undefined && row.projectId !== projectId)) throw new AppError('not_found', `no suite ${id}`);
  return (await toDTOs([row]))[0];
}

/** Version `version` of suite `name` of a project, or 404 naming it. */
export async function getSuiteByVersion(projectId: string, name: string, version: number): Promise<SuiteVersionDTO> {
  const row = await db().expectationSuite.findUnique({ where: { projectId_name_version: { projectId, name, version } } });
  if (!row) throw new AppError('not_found', `no version ${version} of suite "${name}"`);
  return (await toDTOs([row]))[0];
}

/**
 * Saves `suiteJson` (a ChurnLab suite document; `name` picks the suite, default `'default'`) as the next version.
 * Malformed → AppError 422 naming each path, e.g. `expectations[3].kwargs.min_value: expected number, received string`.
 */
export async function saveSuiteVersion(projectId: string, userId: string | null, suiteJson: unknown): Promise<SuiteVersionDTO> {
  const withName = suiteJson !== null && typeof suiteJson === 'object' && !Array.isArray(suiteJson) && !('name' in suiteJson) ? { ...suiteJson, name: DEFAULT_SUITE_NAME } : suiteJson;
  const suite = parseOr422(() => parseSuite(withName));
  const name = checkSuiteName(suite.name);
  const row = await insertVersion(projectId, userId, name, suite, false, 'suite.save');
  return (await toDTOs([row!]))[0];
}

/** Imports a GX suite JSON (0.x or 1.x) as the next version of suite `name` (default `'default'`); 422 naming bad paths. */
export async function importGxSuite(projectId: string, userId: string | null, gxJson: unknown, name?: string | null): Promise<SuiteVersionDTO> {
  const target = checkSuiteName(name);
  const suite = parseOr422(() => fromGxSuiteJson(gxJson));
  const gxName = suite.name;
  const row = await insertVersion(projectId, userId, target, { ...suite, meta: { ...suite.meta, imported_from: gxName } }, false, 'suite.import');
  return (await toDTOs([row!]))[0];
}

/** GX 0.x suite JSON of one version (latest when `version` is omitted); 404 when there is none. */
export async function exportGxSuite(projectId: string, name = DEFAULT_SUITE_NAME, version?: number): Promise<{ json: Record<string, unknown>; name: string; version: number }> {
  const v = version === undefined ? await latestSuite(projectId, name) : await getSuiteByVersion(projectId, name, version);
  if (!v) throw new AppError('not_found', `project has no suite "${name}"`);
  return { json: toGxSuiteJson(parseSuite(v.suite)), name: v.name, version: v.version };
}
