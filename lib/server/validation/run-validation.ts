/**
 * Validation runs: a suite version evaluated on a snapshot, stored with its full GX-shaped report. Synchronous
 * (the seed suite on 1M rows takes well under a second), so it runs inside the request.
 */
import type { ValidationRunDTO, ValidationRunSummaryDTO } from '@/lib/api/dto';
import type { TableLike } from '@/lib/data/table';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { loadSnapshotTable } from '@/lib/server/snapshots/snapshots';
import { parseSuite, validateTable, type ValidationReport } from '@/lib/validation';
import { getSuiteVersion, latestSuite } from './suites';

export type { ValidationRunDTO, ValidationRunSummaryDTO } from '@/lib/api/dto';

const include = { snapshot: { select: { name: true } }, suite: { select: { name: true, version: true } } } as const;
type RunRow = Prisma.ValidationRunGetPayload<{ include: typeof include }>;

async function emails(ids: (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => x !== null))];
  const users = want.length === 0 ? [] : await db().user.findMany({ where: { id: { in: want } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

function summary(r: RunRow, email: Map<string, string>): ValidationRunSummaryDTO {
  return {
    id: r.id,
    projectId: r.projectId,
    snapshotId: r.snapshotId,
    snapshotName: r.snapshot.name,
    suiteId: r.suiteId,
    suiteName: r.suite.name,
    suiteVersion: r.suite.version,
    success: r.success,
    evaluated: r.evaluated,
    failedErrors: r.failedErrors,
    failedWarnings: r.failedWarnings,
    createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function toRunSummaries(rows: RunRow[]): Promise<ValidationRunSummaryDTO[]> {
  const email = await emails(rows.map((r) => r.createdById));
  return rows.map((r) => summary(r, email));
}

/**
 * The column naming rows in reports: `customer_id` when present; else a column whose name contains "id"
 * (case-insensitive) with every value present and distinct; else null (0-based row indices).
 */
export function pickIdColumn(table: TableLike): string | null {
  const names = table.columnNames();
  if (names.includes('customer_id')) return 'customer_id';
  for (const name of names) {
    if (!/id/i.test(name)) continue;
    const values = table.array(name);
    const seen = new Set<unknown>();
    let ok = values.length > 0;
    for (let i = 0; i < values.length && ok; i++) {
      const v = values[i];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) || seen.has(v)) ok = false;
      else seen.add(v);
    }
    if (ok) return name;
  }
  return null;
}

/**
 * Evaluates a suite on a snapshot and stores the run. `suiteId` omitted → the latest version of the project's
 * `'default'` suite (created from the default when the project has none; 409 when there is nothing to run).
 * The snapshot and the suite must belong to `projectId` (404 otherwise). Returns the run with its report.
 */
export async function runValidation(projectId: string, snapshotId: string, suiteId: string | null | undefined, userId: string | null): Promise<ValidationRunDTO> {
  const suiteRow = suiteId ? await getSuiteVersion(suiteId, projectId) : await latestSuite(projectId);
  if (!suiteRow) throw new AppError('conflict', 'this project has no expectation suite yet: save one first');
  const { snapshot, data } = await loadSnapshotTable(snapshotId);
  if (snapshot.projectId !== projectId) throw new AppError('not_found', `no snapshot ${snapshotId}`);
  const suite = { ...parseSuite(suiteRow.suite), name: suiteRow.name, version: suiteRow.version };
  const idColumn = pickIdColumn(data.table);
  const report: ValidationReport = validateTable(data.table, suite, idColumn ? { idColumn } : {});
  const row = await db().validationRun.create({
    data: {
      projectId,
      snapshotId,
      suiteId: suiteRow.id,
      success: report.success,
      evaluated: report.summary.evaluated,
      failedErrors: report.summary.failed_errors,
      failedWarnings: report.summary.failed_warnings,
      // NaN/Infinity are not JSON: round-trip so the stored report is what the API returns.
      report: JSON.parse(JSON.stringify(report)) as Prisma.InputJsonValue,
      createdById: userId,
    },
    include,
  });
  const [s] = await toRunSummaries([row]);
  return { ...s, report: row.report };
}

/** One run with its report, or 404. */
export async function getValidationRun(id: string): Promise<ValidationRunDTO> {
  const row = await db().validationRun.findUnique({ where: { id }, include });
  if (!row) throw new AppError('not_found', `no validation run ${id}`);
  const [s] = await toRunSummaries([row]);
  return { ...s, report: row.report };
}

/** Runs on a snapshot, newest first (at most `limit`, default 50). */
export async function listSnapshotRuns(snapshotId: string, limit = 50): Promise<ValidationRunSummaryDTO[]> {
  const rows = await db().validationRun.findMany({ where: { snapshotId }, orderBy: { createdAt: 'desc' }, take: limit, include });
  return toRunSummaries(rows);
}

/**
 * The last `n` runs (with reports) of suite `suiteName` on a snapshot, newest first, for side-by-side history;
 * without `snapshotId`, across the whole project.
 */
export async function recentRuns(projectId: string, opts: { suiteName: string; snapshotId?: string; n?: number }): Promise<ValidationRunDTO[]> {
  const rows = await db().validationRun.findMany({
    where: { projectId, suite: { name: opts.suiteName }, ...(opts.snapshotId ? { snapshotId: opts.snapshotId } : {}) },
    orderBy: { createdAt: 'desc' },
    take: opts.n ?? 5,
    include,
  });
  const summaries = await toRunSummaries(rows);
  return summaries.map((s, i) => ({ ...s, report: rows[i].report }));
}
