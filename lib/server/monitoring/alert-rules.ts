/** A project's alert rules: list, create, update (zod-checked params per kind; drift settings ride on the drift rule). */
import { z } from 'zod';
import type { AlertRuleDTO } from '@/lib/api/dto';
import { ALERT_KINDS } from '@/lib/monitoring/alert-rules';
import { LATENCY_BUCKETS_MS } from '@/lib/monitoring/slo';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { driftSettingsInput } from './drift';
import { checkWebhookUrl, WebhookUrlError } from './webhook-url';

const severity = z.enum(['info', 'warning', 'critical']);

/** Params per kind, with defaults. */
export const ruleParams = {
  drift: z.strictObject({ on: z.enum(['dataset', 'any_feature', 'prediction']).default('dataset'), severity: severity.default('warning'), settings: driftSettingsInput.default({}) }),
  job_failure: z.strictObject({ types: z.array(z.string().min(1).max(64)).max(20).default([]), severity: severity.default('warning') }),
  validation_failure: z.strictObject({ severity: severity.default('warning') }),
  slo_burn: z.strictObject({
    sli: z.enum(['availability', 'latency', 'both']).default('both'),
    severity: severity.default('critical'),
    availability: z.number().gt(0).lt(1).default(0.999),
    latencyTarget: z.number().gt(0).lt(1).default(0.95),
    latencyThresholdMs: z
      .number()
      .refine((v) => (LATENCY_BUCKETS_MS as readonly number[]).includes(v), { message: `must be a latency bucket edge (${LATENCY_BUCKETS_MS.join(', ')})` })
      .default(100),
  }),
  auc_drop: z.strictObject({ maxDrop: z.number().gt(0).lt(1).default(0.05), severity: severity.default('warning') }),
} as const;

const webhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .nullable()
  .optional();

export const createRuleInput = z.strictObject({ kind: z.enum(ALERT_KINDS), enabled: z.boolean().default(true), params: z.record(z.string(), z.unknown()).default({}), webhookUrl });
export const updateRuleInput = z.strictObject({ enabled: z.boolean().optional(), params: z.record(z.string(), z.unknown()).optional(), webhookUrl });

export function parseRuleParams(kind: string, params: unknown): Record<string, unknown> {
  const schema = ruleParams[kind as keyof typeof ruleParams];
  if (!schema) throw new AppError('bad_request', `kind: unknown alert rule kind "${kind}"; known: ${ALERT_KINDS.join(', ')}`);
  const r = schema.safeParse(params ?? {});
  if (!r.success) throw new AppError('bad_request', `params: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data as Record<string, unknown>;
}

export function toRuleDTO(r: { id: string; projectId: string; kind: string; enabled: boolean; params: unknown; webhookUrl: string | null; createdAt: Date; updatedAt: Date }): AlertRuleDTO {
  return { id: r.id, projectId: r.projectId, kind: r.kind, enabled: r.enabled, params: r.params as Record<string, unknown>, webhookUrl: r.webhookUrl, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

/** The SSRF guard at save: a refused URL is a 422 naming `webhookUrl`. */
async function assertWebhookUrl(url: string | null | undefined): Promise<void> {
  if (!url) return;
  try {
    await checkWebhookUrl(url);
  } catch (e) {
    if (e instanceof WebhookUrlError) throw new AppError('unprocessable', `webhookUrl: ${e.message}`, { issues: [{ path: 'webhookUrl', message: e.message }] });
    throw e;
  }
}

export async function listAlertRules(projectId: string): Promise<AlertRuleDTO[]> {
  return (await db().alertRule.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } })).map(toRuleDTO);
}

export async function createAlertRule(projectId: string, input: z.input<typeof createRuleInput>): Promise<AlertRuleDTO> {
  const i = createRuleInput.parse(input);
  const params = parseRuleParams(i.kind, i.params);
  await assertWebhookUrl(i.webhookUrl);
  const row = await db().alertRule.create({ data: { projectId, kind: i.kind, enabled: i.enabled, params: params as Prisma.InputJsonValue, webhookUrl: i.webhookUrl ?? null } });
  return toRuleDTO(row);
}

export async function updateAlertRule(projectId: string, id: string, input: z.input<typeof updateRuleInput>): Promise<AlertRuleDTO> {
  const i = updateRuleInput.parse(input);
  const rule = await db().alertRule.findUnique({ where: { id } });
  if (!rule || rule.projectId !== projectId) throw new AppError('not_found', `no alert rule ${id} in this project`);
  const params = i.params ? parseRuleParams(rule.kind, i.params) : undefined;
  await assertWebhookUrl(i.webhookUrl);
  const row = await db().alertRule.update({ where: { id }, data: { ...(i.enabled !== undefined ? { enabled: i.enabled } : {}), ...(params ? { params: params as Prisma.InputJsonValue } : {}), ...(i.webhookUrl !== undefined ? { webhookUrl: i.webhookUrl } : {}) } });
  return toRuleDTO(row);
}

export async function deleteAlertRule(projectId: string, id: string): Promise<void> {
  const n = await db().alertRule.deleteMany({ where: { id, projectId } });
  if (n.count === 0) throw new AppError('not_found', `no alert rule ${id} in this project`);
}
