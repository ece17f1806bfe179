/**
 * The webhook SSRF guard with WEBHOOK_ALLOW_PRIVATE unset (the default): saving a rule whose webhook points at a
 * loopback, private, link-local or metadata address is a 422 naming `webhookUrl`; a rule that got such a URL
 * anyway (written before the guard) is refused again at delivery, without retries, and nothing is sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let projectId: string;
let receiver: http.Server;
let receiverUrl: string;
let hits = 0;

beforeAll(async () => {
  delete process.env.WEBHOOK_ALLOW_PRIVATE;
  t = await createTestDatabase();
  receiver = http.createServer((_req, res) => {
    hits++;
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const user = await createUser({ email: 'guard@example.com', password: 'scientist-pass', role: 'scientist' });
  const p = await createProject(user.id, { name: 'Guard' });
  projectId = p.id;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => receiver.close(r));
  await t.drop();
});

describe('webhook SSRF guard', () => {
  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.8/x', 'http://[::ffff:127.0.0.1]/x', 'http://[fd00::5]/x', 'http://0.0.0.0/'])('refuses %s at save with a 422 naming webhookUrl', async (url) => {
    const { createAlertRule } = await import('@/lib/server/monitoring/alert-rules');
    const { AppError, toErrorResponse } = await import('@/lib/server/errors');
    const err = await createAlertRule(projectId, { kind: 'drift', webhookUrl: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const r = toErrorResponse(err);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/^webhookUrl: /);
    expect(r.body.error.issues).toEqual([expect.objectContaining({ path: 'webhookUrl' })]);
  });

  it('refuses on update too, and accepts a rule without a webhook', async () => {
    const { createAlertRule, updateAlertRule, listAlertRules } = await import('@/lib/server/monitoring/alert-rules');
    const rule = await createAlertRule(projectId, { kind: 'job_failure' });
    await expect(updateAlertRule(projectId, rule.id, { webhookUrl: 'http://192.168.1.1/hook' })).rejects.toThrow(/^webhookUrl: .*private address/);
    expect((await listAlertRules(projectId)).every((r) => r.webhookUrl === null)).toBe(true);
  });

  it('a stored private webhook is refused again at delivery: failed at once, nothing sent', async () => {
    const { db } = await import('@/lib/server/db/client');
    const rule = await db().alertRule.create({ data: { projectId, kind: 'job_failure', params: {}, webhookUrl: receiverUrl } });
    const { raiseAlert } = await import('@/lib/server/monitoring/alerts');
    const { alert } = await raiseAlert({ projectId, ruleId: rule.id, kind: 'job_failure', severity: 'warning', title: 'x failed', detail: {}, dedupeKey: 'guard:1', webhookUrl: rule.webhookUrl });
    const { deliverPendingAlerts } = await import('@/lib/server/monitoring/webhook-delivery');
    expect(await deliverPendingAlerts()).toEqual([{ id: alert.id, outcome: 'failed' }]);
    const a = await db().alert.findUniqueOrThrow({ where: { id: alert.id } });
    expect(a.delivery).toBe('failed');
    expect(a.deliveryTries).toBe(1);
    expect(a.lastDeliveryError).toMatch(/^webhookUrl refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1, a loopback address/);
    expect(hits).toBe(0);
    // with private targets allowed (as the tests and on-premises setups do) the same receiver is reached
    await db().alert.update({ where: { id: alert.id }, data: { delivery: 'pending', nextDeliveryAt: new Date() } });
    expect(await deliverPendingAlerts({ allowPrivate: true })).toEqual([{ id: alert.id, outcome: 'delivered' }]);
    expect(hits).toBe(1);
  });
});
