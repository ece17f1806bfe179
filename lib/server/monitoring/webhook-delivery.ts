/**
 * Outgoing alert webhooks (Slack-compatible JSON), at most one successful delivery per alert: a delivery is
 * claimed by moving `nextDeliveryAt` forward by a lease in one conditional UPDATE (only one worker wins), then
 * POSTed; a 2xx marks it delivered, anything else schedules a retry with exponential backoff until MAX_TRIES,
 * then `failed`. Silenced alerts wait until `silencedUntil`. The URL passes the SSRF guard again at each attempt
 * (webhook-url.ts); a refused URL fails the delivery at once (no retries).
 */
import { backoffMs, slackPayload, type AlertSeverity } from '@/lib/monitoring/alert-rules';
import { db } from '@/lib/server/db/client';
import { postWebhook, WebhookUrlError } from './webhook-url';

export const MAX_TRIES = 6;
const LEASE_MS = 60_000;
const TIMEOUT_MS = 5_000;

export interface DeliveryOptions {
  now?: Date;
  /** default: env WEBHOOK_ALLOW_PRIVATE */
  allowPrivate?: boolean;
  baseBackoffMs?: number;
  limit?: number;
}

/** Delivers the due pending alerts; returns what happened to each. */
export async function deliverPendingAlerts(opts: DeliveryOptions = {}): Promise<{ id: string; outcome: 'delivered' | 'retry' | 'failed' | 'skipped' }[]> {
  const now = opts.now ?? new Date();
  const due = await db().alert.findMany({
    where: { delivery: 'pending', nextDeliveryAt: { lte: now }, OR: [{ silencedUntil: null }, { silencedUntil: { lte: now } }] },
    orderBy: { nextDeliveryAt: 'asc' },
    take: opts.limit ?? 20,
    include: { project: { select: { slug: true } } },
  });
  const out: { id: string; outcome: 'delivered' | 'retry' | 'failed' | 'skipped' }[] = [];
  for (const a of due) {
    const claimed = await db().alert.updateMany({ where: { id: a.id, delivery: 'pending', nextDeliveryAt: a.nextDeliveryAt }, data: { nextDeliveryAt: new Date(now.getTime() + LEASE_MS), deliveryTries: { increment: 1 } } });
    if (claimed.count === 0) {
      out.push({ id: a.id, outcome: 'skipped' });
      continue;
    }
    const tries = a.deliveryTries + 1;
    const rule = a.ruleId ? await db().alertRule.findUnique({ where: { id: a.ruleId }, select: { webhookUrl: true } }) : null;
    if (!rule?.webhookUrl) {
      await db().alert.update({ where: { id: a.id }, data: { delivery: 'none', nextDeliveryAt: null, lastDeliveryError: 'the rule has no webhook any more' } });
      out.push({ id: a.id, outcome: 'skipped' });
      continue;
    }
    const detail = a.detail as Record<string, unknown>;
    const lines = Object.entries(detail)
      .filter(([k, v]) => k !== 'project' && v !== null && typeof v !== 'object')
      .map(([k, v]) => `• ${k}: ${typeof v === 'number' ? Number(v.toPrecision(4)) : String(v)}`);
    const body = JSON.stringify(slackPayload({ title: a.title, severity: a.severity as AlertSeverity, project: a.project.slug, occurrences: a.occurrences, lines }));
    let error: string | null = null;
    let refused = false;
    try {
      const status = await postWebhook(rule.webhookUrl, body, { timeoutMs: TIMEOUT_MS, allowPrivate: opts.allowPrivate });
      if (status < 200 || status >= 300) error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
    } catch (e) {
      refused = e instanceof WebhookUrlError && e.permanent;
      error = e instanceof WebhookUrlError ? `webhookUrl refused: ${e.message}` : (e as Error).message;
    }
    if (!error) {
      await db().alert.update({ where: { id: a.id }, data: { delivery: 'delivered', nextDeliveryAt: null, lastDeliveryError: null } });
      out.push({ id: a.id, outcome: 'delivered' });
    } else if (refused || tries >= MAX_TRIES) {
      await db().alert.update({ where: { id: a.id }, data: { delivery: 'failed', nextDeliveryAt: null, lastDeliveryError: error.slice(0, 500) } });
      out.push({ id: a.id, outcome: 'failed' });
    } else {
      await db().alert.update({ where: { id: a.id }, data: { nextDeliveryAt: new Date(now.getTime() + backoffMs(tries, opts.baseBackoffMs)), lastDeliveryError: error.slice(0, 500) } });
      out.push({ id: a.id, outcome: 'retry' });
    }
  }
  return out;
}
