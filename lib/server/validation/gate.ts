/**
 * The training gate. A snapshot may be trained on when its latest validation run passed (no failed enabled
 * `error` expectation), or failed but an approver recorded an override of that very run. Warnings never block.
 *
 * A snapshot never validated: NOT allowed when its project has an expectation suite ("run validation first");
 * allowed when the project has none (nothing to check against). The demo project and every project with a
 * snapshot get a default suite the first time the Validate cell or the suites API is opened (suites.ts).
 *
 * For the training job (issue F): `await assertTrainable(snapshotId)` before loading data; it throws
 * AppError('conflict', 'snapshot "<name>" failed validation: expect_… (column), …') when the gate is closed.
 */
import type { FailedExpectationDTO, GateDTO, ValidationOverrideDTO } from '@/lib/api/dto';
import { hasRole, isRole } from '@/lib/auth/roles';
import { recordAudit } from '@/lib/server/audit/record-audit';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { getSnapshot } from '@/lib/server/snapshots/snapshots';
import { toRunSummaries } from './run-validation';

export type { GateDTO, ValidationOverrideDTO } from '@/lib/api/dto';

export const OVERRIDE_REASON_MIN = 10;
export const OVERRIDE_REASON_MAX = 2000;

/** Failed, enabled, error-severity expectations of a stored report (read defensively: it is JSON from the DB). */
export function failedErrorExpectations(report: unknown): FailedExpectationDTO[] {
  const results = (report as { results?: unknown })?.results;
  if (!Array.isArray(results)) return [];
  const out: FailedExpectationDTO[] = [];
  for (const r of results as Array<{ success?: unknown; severity?: unknown; expectation_config?: { expectation_type?: unknown; kwargs?: { column?: unknown } } }>) {
    if (r?.success !== false || r.severity !== 'error') continue;
    const c = r.expectation_config;
    out.push({ expectation_type: String(c?.expectation_type ?? 'unknown'), column: typeof c?.kwargs?.column === 'string' ? c.kwargs.column : null });
  }
  return out;
}

/** `expect_column_values_to_be_between (age), expect_table_columns_to_match_ordered_list` */
export function describeFailed(failed: FailedExpectationDTO[]): string {
  return failed.map((f) => (f.column ? `${f.expectation_type} (${f.column})` : f.expectation_type)).join(', ');
}

async function overrideDTO(o: { id: string; snapshotId: string; validationRunId: string; reason: string; approverId: string; createdAt: Date }): Promise<ValidationOverrideDTO> {
  const u = await db().user.findUnique({ where: { id: o.approverId }, select: { email: true } });
  return { id: o.id, snapshotId: o.snapshotId, validationRunId: o.validationRunId, reason: o.reason, approver: u?.email ?? null, createdAt: o.createdAt.toISOString() };
}

/**
 * Whether `snapshotId` may be trained on, and why: `{ allowed, state, reason, failed, run, override }`
 * (see GateDTO). 404 for an unknown snapshot.
 */
export async function trainingGate(snapshotId: string): Promise<GateDTO> {
  const snap = await getSnapshot(snapshotId);
  const latest = await db().validationRun.findFirst({
    where: { snapshotId },
    orderBy: { createdAt: 'desc' },
    include: { snapshot: { select: { name: true } }, suite: { select: { name: true, version: true } } },
  });
  if (!latest) {
    const suites = await db().expectationSuite.count({ where: { projectId: snap.projectId } });
    if (suites === 0) {
      return { snapshotId, allowed: true, state: 'no_suite', reason: 'the project has no expectation suite: nothing to validate against', failed: [], run: null, override: null };
    }
    return { snapshotId, allowed: false, state: 'not_validated', reason: `snapshot "${snap.name}" has not been validated: run validation first`, failed: [], run: null, override: null };
  }
  const [run] = await toRunSummaries([latest]);
  const suiteLabel = `suite "${run.suiteName}" v${run.suiteVersion}`;
  if (latest.success) {
    const warn = latest.failedWarnings > 0 ? ` (${latest.failedWarnings} warning${latest.failedWarnings === 1 ? '' : 's'})` : '';
    return { snapshotId, allowed: true, state: 'passed', reason: `passed ${suiteLabel}${warn}`, failed: [], run, override: null };
  }
  const failed = failedErrorExpectations(latest.report);
  const o = await db().validationOverride.findFirst({ where: { snapshotId, validationRunId: latest.id }, orderBy: { createdAt: 'desc' } });
  if (o) {
    const override = await overrideDTO(o);
    return { snapshotId, allowed: true, state: 'overridden', reason: `overridden by ${override.approver ?? 'a deleted user'}: ${o.reason}`, failed, run, override };
  }
  return { snapshotId, allowed: false, state: 'failed', reason: `snapshot "${snap.name}" failed validation: ${describeFailed(failed)}`, failed, run, override: null };
}

/** Throws AppError 409 naming the snapshot and its failed error expectations (or "run validation first") unless the gate is open. */
export async function assertTrainable(snapshotId: string): Promise<GateDTO> {
  const gate = await trainingGate(snapshotId);
  if (!gate.allowed) throw new AppError('conflict', gate.reason, { gate: gate.state, failed: gate.failed });
  return gate;
}

/**
 * An approver (or admin) lets a snapshot whose latest validation failed be trained on anyway. `reason`: 10–2000
 * characters. 403 below approver (checked against the database), 409 when the latest run did not fail (nothing to
 * override). Records the override and an audit entry `validation.override` in one transaction.
 */
export async function recordOverride(snapshotId: string, approverId: string, reason: string): Promise<ValidationOverrideDTO> {
  const text = reason.trim();
  if (text.length < OVERRIDE_REASON_MIN) throw new AppError('bad_request', `reason: give at least ${OVERRIDE_REASON_MIN} characters`);
  if (text.length > OVERRIDE_REASON_MAX) throw new AppError('bad_request', `reason: at most ${OVERRIDE_REASON_MAX} characters`);
  const user = await db().user.findUnique({ where: { id: approverId }, select: { role: true, disabled: true } });
  if (!user || user.disabled || !isRole(user.role) || !hasRole(user.role, 'approver')) {
    throw new AppError('forbidden', 'recording a validation override needs the approver role');
  }
  const snap = await getSnapshot(snapshotId);
  const latest = await db().validationRun.findFirst({ where: { snapshotId }, orderBy: { createdAt: 'desc' } });
  if (!latest) throw new AppError('conflict', `snapshot "${snap.name}" has not been validated: nothing to override`);
  if (latest.success) throw new AppError('conflict', `snapshot "${snap.name}" passed its latest validation: nothing to override`);
  const row = await db().$transaction(async (tx) => {
    const o = await tx.validationOverride.create({ data: { snapshotId, validationRunId: latest.id, reason: text, approverId } });
    await recordAudit(
      { actorId: approverId, action: 'validation.override', target: `snapshot:${snapshotId}`, detail: { validationRunId: latest.id, reason: text, failed: failedErrorExpectations(latest.report) } },
      tx,
    );
    return o;
  });
  return overrideDTO(row);
}
