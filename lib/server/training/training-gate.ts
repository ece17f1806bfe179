/**
 * The validation gate, as the training job sees it: a snapshot whose latest validation run failed an
 * error-severity expectation cannot be trained on, unless an approver recorded an override after that run.
 */
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export interface GateResult {
  validationRunId: string | null;
  suiteVersion: number | null;
  overrideId: string | null;
}

interface ReportLike {
  results?: { success?: boolean; severity?: string; expectation_config?: { expectation_type?: string; kwargs?: { column?: string } }; expectation?: { expectation_type?: string; kwargs?: { column?: string } } }[];
}

function failedNames(report: unknown): string {
  const results = (report as ReportLike)?.results ?? [];
  const names = results
    .filter((r) => r.success === false && (r.severity ?? 'error') === 'error')
    .map((r) => {
      const e = r.expectation_config ?? r.expectation;
      return `${e?.expectation_type ?? 'expectation'}${e?.kwargs?.column ? `(${e.kwargs.column})` : ''}`;
    });
  return names.length ? names.join(', ') : 'error-level expectations';
}

export async function assertTrainable(snapshotId: string): Promise<GateResult> {
  const run = await db().validationRun.findFirst({ where: { snapshotId }, orderBy: { createdAt: 'desc' }, include: { suite: { select: { version: true } } } });
  if (!run) return { validationRunId: null, suiteVersion: null, overrideId: null };
  if (run.success) return { validationRunId: run.id, suiteVersion: run.suite.version, overrideId: null };
  const override = await db().validationOverride.findFirst({ where: { snapshotId, createdAt: { gte: run.createdAt } }, orderBy: { createdAt: 'desc' } });
  if (override) return { validationRunId: run.id, suiteVersion: run.suite.version, overrideId: override.id };
  throw new AppError('conflict', `this snapshot failed validation (${failedNames(run.report)}); fix the data or the suite, or ask an approver for an override`);
}
