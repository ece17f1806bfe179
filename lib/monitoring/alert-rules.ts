/**
 * Alert rule kinds and their parameters (a discriminated union), and the Slack-compatible webhook payload
 * (`{ text, blocks }`: Slack incoming webhooks, Mattermost and most chat bridges accept it).
 */

export const ALERT_KINDS = ['drift', 'job_failure', 'validation_failure', 'slo_burn', 'auc_drop'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'info' | 'warning' | 'critical';

export type AlertRuleParams =
  | { kind: 'drift'; on: 'dataset' | 'any_feature' | 'prediction'; severity: AlertSeverity }
  | { kind: 'job_failure'; types: string[]; severity: AlertSeverity }
  | { kind: 'validation_failure'; severity: AlertSeverity }
  | { kind: 'slo_burn'; sli: 'availability' | 'latency' | 'both'; severity: AlertSeverity }
  | { kind: 'auc_drop'; maxDrop: number; severity: AlertSeverity };

export function isAlertKind(k: string): k is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(k);
}

export interface AlertMessage {
  title: string;
  severity: AlertSeverity;
  project: string;
  occurrences: number;
  lines: string[];
  url?: string;
}

const ICON: Record<AlertSeverity, string> = { info: ':information_source:', warning: ':warning:', critical: ':rotating_light:' };

function mrkdwnEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack Block Kit message: a header, the detail lines, a context line; `text` is the notification fallback. */
export function slackPayload(m: AlertMessage): { text: string; blocks: unknown[] } {
  const text = `${ICON[m.severity]} [${m.severity}] ${m.project}: ${m.title}`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: mrkdwnEscape(m.lines.join('\n')).slice(0, 3000) || '—' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${ICON[m.severity]} *${m.severity}* · project *${mrkdwnEscape(m.project)}* · ${m.occurrences} occurrence${m.occurrences === 1 ? '' : 's'}${m.url ? ` · <${m.url}|open in ChurnLab>` : ''}` }] },
  ];
  return { text, blocks };
}

/** Delay before delivery attempt `tries + 1` (exponential, base × 2^(tries−1), capped). */
export function backoffMs(tries: number, baseMs = 30_000, capMs = 3_600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, tries - 1));
}
