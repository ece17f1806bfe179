/**
 * Alerts: rules evaluated after drift reports and on the worker tick raise Alert rows (the in-app inbox),
 * deduplicated by `dedupeKey` while open or acknowledged (a repeat counts an occurrence; nothing is resent).
 * A new alert whose rule has a webhook is delivered by `deliverPendingAlerts` (webhook-delivery.ts).
 */
import type { AlertDTO, DriftReportDTO } from '@/lib/api/dto';
import type { AlertSeverity } from '@/lib/monitoring/alert-rules';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { parseRuleParams } from './alert-rules';
import { projectSlo } from './slo-summary';

const ACTIVE = ['open', 'acknowledged'];

export interface RaiseInput {
  projectId: string;
  ruleId: string | null;
  kind: string;
  severity: AlertSeverity;
  title: string;
  detail: Record<string, unknown>;
  dedupeKey: string;
  /** true: raise at most once per key ever (one alert per failed job), not just while open */
  once?: boolean;
  webhookUrl?: string | null;
}

/** Raises (or counts another occurrence of) an alert; returns it and whether it is new. */
export async function raiseAlert(a: RaiseInput): Promise<{ alert: AlertDTO; created: boolean }> {
  return db().$transaction(async (tx) => {
    // serialize raisers of the same key so two workers cannot both create it
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`alert:${a.dedupeKey}`}))`;
    const existing = await tx.alert.findFirst({ where: { dedupeKey: a.dedupeKey, ...(a.once ? {} : { status: { in: ACTIVE } }) }, orderBy: { createdAt: 'desc' } });
    if (existing) {
      if (a.once) return { alert: toAlertDTO(existing), created: false };
      const row = await tx.alert.update({ where: { id: existing.id }, data: { occurrences: { increment: 1 }, detail: a.detail as Prisma.InputJsonValue, title: a.title } });
      return { alert: toAlertDTO(row), created: false };
    }
    const row = await tx.alert.create({
      data: {
        projectId: a.projectId,
        ruleId: a.ruleId,
        kind: a.kind,
        severity: a.severity,
        title: a.title,
        detail: a.detail as Prisma.InputJsonValue,
        dedupeKey: a.dedupeKey,
        delivery: a.webhookUrl ? 'pending' : 'none',
        nextDeliveryAt: a.webhookUrl ? new Date() : null,
      },
    });
    return { alert: toAlertDTO(row), created: true };
  });
}

/** Resolves the active alerts of a key (a condition that cleared, e.g. an SLO burn). */
export async function resolveAlerts(dedupeKey: string): Promise<number> {
  return (await db().alert.updateMany({ where: { dedupeKey, status: { in: ACTIVE } }, data: { status: 'resolved' } })).count;
}

async function rulesOf(projectId: string | null, kind: string) {
  return db().alertRule.findMany({ where: { kind, enabled: true, ...(projectId ? { projectId } : {}) }, include: { project: { select: { slug: true } } } });
}

/** The project's drift rules against a new report. */
export async function evaluateDriftReport(report: DriftReportDTO): Promise<AlertDTO[]> {
  const out: AlertDTO[] = [];
  for (const rule of await rulesOf(report.projectId, 'drift')) {
    const p = parseRuleParams('drift', rule.params) as { on: 'dataset' | 'any_feature' | 'prediction'; severity: AlertSeverity };
    const s = report.summary;
    const firing = p.on === 'dataset' ? s.datasetDrift : p.on === 'any_feature' ? s.drifted > 0 : Boolean(s.prediction?.drifted);
    if (!firing) continue;
    const drifted = report.features.filter((f) => f.drifted).map((f) => f.name);
    const what = p.on === 'prediction' ? 'prediction distribution drift' : `data drift in ${s.drifted} of ${s.features} features`;
    const r = await raiseAlert({
      projectId: report.projectId,
      ruleId: rule.id,
      kind: 'drift',
      severity: p.severity,
      title: `${what} (${report.modelName} v${report.modelVersion}, ${report.subjectKind})`,
      detail: { reportId: report.id, subjectKind: report.subjectKind, subjectId: report.subjectId, share: s.share, drifted, worstPsi: s.worstPsi, prediction: s.prediction ? { statistic: s.prediction.statistic, method: s.prediction.method, drifted: s.prediction.drifted } : null, project: rule.project.slug },
      dedupeKey: `drift:${rule.id}:${p.on}`,
      webhookUrl: rule.webhookUrl,
    });
    out.push(r.alert);
  }
  return out;
}

const LOOKBACK_MS = 24 * 3_600_000;

/** Job failure, validation failure and SLO burn rules of every project (the worker tick). */
export async function evaluateAlertRules(now = new Date()): Promise<{ raised: number; resolved: number }> {
  let raised = 0;
  let resolved = 0;
  for (const rule of await rulesOf(null, 'job_failure')) {
    const p = parseRuleParams('job_failure', rule.params) as { types: string[]; severity: AlertSeverity };
    const since = new Date(Math.max(rule.createdAt.getTime(), now.getTime() - LOOKBACK_MS));
    const jobs = await db().job.findMany({ where: { projectId: rule.projectId, status: 'failed', finishedAt: { gte: since }, ...(p.types.length ? { type: { in: p.types } } : {}) }, orderBy: { finishedAt: 'asc' }, take: 50 });
    for (const j of jobs) {
      const r = await raiseAlert({ projectId: rule.projectId, ruleId: rule.id, kind: 'job_failure', severity: p.severity, title: `${j.type} job failed`, detail: { jobId: j.id, type: j.type, error: j.error?.slice(0, 500) ?? null, finishedAt: j.finishedAt?.toISOString() ?? null, project: rule.project.slug }, dedupeKey: `job_failure:${rule.id}:${j.id}`, once: true, webhookUrl: rule.webhookUrl });
      if (r.created) raised++;
    }
  }
  for (const rule of await rulesOf(null, 'validation_failure')) {
    const p = parseRuleParams('validation_failure', rule.params) as { severity: AlertSeverity };
    const since = new Date(Math.max(rule.createdAt.getTime(), now.getTime() - LOOKBACK_MS));
    const runs = await db().validationRun.findMany({ where: { projectId: rule.projectId, success: false, createdAt: { gte: since } }, select: { id: true, snapshotId: true, failedErrors: true, failedWarnings: true }, take: 50 });
    for (const v of runs) {
      const r = await raiseAlert({ projectId: rule.projectId, ruleId: rule.id, kind: 'validation_failure', severity: p.severity, title: `validation failed: ${v.failedErrors} error expectations`, detail: { validationRunId: v.id, snapshotId: v.snapshotId, failedErrors: v.failedErrors, failedWarnings: v.failedWarnings, project: rule.project.slug }, dedupeKey: `validation_failure:${rule.id}:${v.id}`, once: true, webhookUrl: rule.webhookUrl });
      if (r.created) raised++;
    }
  }
  for (const rule of await rulesOf(null, 'slo_burn')) {
    const p = parseRuleParams('slo_burn', rule.params) as { sli: 'availability' | 'latency' | 'both'; severity: AlertSeverity; availability: number; latencyTarget: number; latencyThresholdMs: number };
    const slo = await projectSlo(rule.projectId, now, { availability: p.availability, latencyTarget: p.latencyTarget, latencyThresholdMs: p.latencyThresholdMs });
    for (const sli of ['availability', 'latency'] as const) {
      if (p.sli !== 'both' && p.sli !== sli) continue;
      const key = `slo_burn:${rule.id}:${sli}`;
      const firing = slo[sli].burn.filter((b) => b.firing);
      if (firing.length === 0) {
        resolved += await resolveAlerts(key);
        continue;
      }
      const w = firing[0];
      const r = await raiseAlert({ projectId: rule.projectId, ruleId: rule.id, kind: 'slo_burn', severity: p.severity, title: `${sli} SLO burning ${w.longBurn.toFixed(1)}× over ${w.window} (threshold ${w.threshold}×)`, detail: { sli, burn: slo[sli].burn, budgetRemaining: slo[sli].budgetRemaining, total: slo[sli].total, bad: slo[sli].bad, project: rule.project.slug }, dedupeKey: key, webhookUrl: rule.webhookUrl });
      if (r.created) raised++;
    }
  }
  return { raised, resolved };
}

export function toAlertDTO(a: { id: string; projectId: string; ruleId: string | null; kind: string; severity: string; title: string; detail: unknown; dedupeKey: string; status: string; occurrences: number; silencedUntil: Date | null; acknowledgedBy: string | null; acknowledgedAt: Date | null; delivery: string; deliveryTries: number; nextDeliveryAt: Date | null; lastDeliveryError: string | null; createdAt: Date; updatedAt: Date }): AlertDTO {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...a, detail: a.detail as Record<string, unknown>, silencedUntil: iso(a.silencedUntil), acknowledgedAt: iso(a.acknowledgedAt), nextDeliveryAt: iso(a.nextDeliveryAt), createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
}

export async function listAlerts(projectId: string, opts: { status?: 'open' | 'acknowledged' | 'resolved' | 'active'; limit?: number } = {}): Promise<AlertDTO[]> {
  const status = opts.status === 'active' ? { in: ACTIVE } : opts.status;
  const rows = await db().alert.findMany({ where: { projectId, ...(status ? { status } : {}) }, orderBy: { updatedAt: 'desc' }, take: Math.min(Math.max(opts.limit ?? 50, 1), 500) });
  return rows.map(toAlertDTO);
}

async function ownAlert(projectId: string, id: string) {
  const a = await db().alert.findUnique({ where: { id } });
  if (!a || a.projectId !== projectId) throw new AppError('not_found', `no alert ${id} in this project`);
  return a;
}

export async function acknowledgeAlert(projectId: string, id: string, userId: string): Promise<AlertDTO> {
  const a = await ownAlert(projectId, id);
  if (a.status === 'resolved') throw new AppError('conflict', `alert ${id} is already resolved`);
  return toAlertDTO(await db().alert.update({ where: { id }, data: { status: 'acknowledged', acknowledgedBy: userId, acknowledgedAt: new Date() } }));
}

/** Silences an alert's webhook for `minutes` (0 lifts it); pending deliveries wait until then. */
export async function silenceAlert(projectId: string, id: string, minutes: number): Promise<AlertDTO> {
  await ownAlert(projectId, id);
  if (!(Number.isInteger(minutes) && minutes >= 0 && minutes <= 43_200)) throw new AppError('bad_request', `minutes: must be an integer in [0, 43200], got ${minutes}`);
  return toAlertDTO(await db().alert.update({ where: { id }, data: { silencedUntil: minutes ? new Date(Date.now() + minutes * 60_000) : null } }));
}

export async function resolveAlert(projectId: string, id: string): Promise<AlertDTO> {
  await ownAlert(projectId, id);
  return toAlertDTO(await db().alert.update({ where: { id }, data: { status: 'resolved' } }));
}
