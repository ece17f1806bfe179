/** What the worker's scheduler tick does for monitoring: evaluate the periodic alert rules, then deliver webhooks. */
import { evaluateAlertRules } from './alerts';
import { flushRequestMetrics } from './request-metrics';
import { deliverPendingAlerts } from './webhook-delivery';

export async function monitoringTick(now = new Date()): Promise<{ raised: number; resolved: number; delivered: number }> {
  await flushRequestMetrics();
  const r = await evaluateAlertRules(now);
  const d = await deliverPendingAlerts({ now });
  return { ...r, delivered: d.filter((x) => x.outcome === 'delivered').length };
}
