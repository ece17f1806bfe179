/**
 * The serving engine against a real PostgreSQL, with two Telco GBDT versions (v1 champion): scoring threads answer
 * as the event loop does and survive a crash, a batch split across threads joins into the one-thread answer,
 * requests scored together answer as alone,
 * promotion while requests run, readiness with a champion that cannot load, and a database outage with a warm cache.
 */
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpTelcoProject, TELCO, type TelcoProject } from '../helpers/telco-project';

let world: TelcoProject;
let approver: { id: string; role: string };
let records: Record<string, unknown>[] = [];

beforeAll(async () => {
  world = await setUpTelcoProject('Serving');
  ({ approver, records } = world);
  if (!existsSync(TELCO)) return;
  const { registerRun, setAlias } = await import('@/lib/server/registry/registry');
  await registerRun(world.sci, world.project, { runId: await world.train('gbdt', { max_iter: 40 }) });
  await registerRun(world.sci, world.project, { runId: await world.train('gbdt', { max_iter: 25, learning_rate: 0.2 }), threshold: 0.4 });
  await setAlias(approver, 'churn-model', { alias: 'champion', version: 1, reason: 'first champion' });
}, 240_000);

afterAll(async () => {
  await world?.close();
});

describe.skipIf(!existsSync(TELCO))('serving engine', () => {
  it('scoring threads answer exactly as the event loop does; a dead thread is restarted and nothing fails', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { scoringPool } = await import('@/lib/server/serving/scoring-pool');
    const pool = scoringPool();
    expect(pool, 'SERVING_THREADS defaults to ≥ 1 on this machine').not.toBeNull();
    const served = await resolveServed(null, 'champion');
    expect(pool!.has(served.versionId)).toBe(true);
    await expect.poll(() => pool!.readyThreads(), { timeout: 30_000 }).toBe(pool!.size);
    for (const [body, reasons] of [[{ customers: records.slice(0, 50) }, true], [{ customer: records[7] }, true], [{ customers: records.slice(50, 60) }, false]] as const) {
      const answer = await pool!.predict(served.versionId, 'champion', JSON.stringify(body), reasons);
      expect(answer).toMatchObject({ ok: true, modelName: 'churn-model', version: served.version });
      const local = predict(served, 'champion', body, reasons);
      if (!answer?.ok) throw new Error('unreachable');
      expect(answer.json).toBe(JSON.stringify(local));
      expect([...answer.probabilities]).toEqual(local.predictions.map((p) => p.probability));
    }
    // client errors come back as the same AppError fields
    const bad = await pool!.predict(served.versionId, 'champion', JSON.stringify({ customer: { ...records[0], tenure: '12' } }), true);
    expect(bad).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { issues: [{ path: 'customer.tenure' }] } } });
    expect(await pool!.predict(served.versionId, 'champion', '{"customer": ', true)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/not valid JSON/) } });
    expect(await pool!.predict(served.versionId, 'champion', '  ', true)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringMatching(/empty/) } });
    // a version the pool never loaded is the event loop's to score
    expect(await pool!.predict('no-such-version', 'champion', JSON.stringify({ customer: records[0] }), true)).toBeNull();
    // a crash mid-request: that request comes back null (the route scores it itself), the thread restarts with the model
    const inFlight = pool!.predict(served.versionId, 'champion', JSON.stringify({ customers: records }), true);
    await pool!.killThread(0);
    expect(await inFlight).toBeNull();
    await expect.poll(() => pool!.readyThreads(), { timeout: 30_000 }).toBe(pool!.size);
    expect(pool!.restarts).toBeGreaterThanOrEqual(1);
    const again = await pool!.predict(served.versionId, 'champion', JSON.stringify({ customer: records[3] }), true);
    expect(again?.ok && again.json).toBe(JSON.stringify(predict(served, 'champion', { customer: records[3] })));
  });

  it('a batch split across scoring threads joins into the answer one thread gives; the first error wins', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { ScoringPool, SPLIT_MIN_BYTES } = await import('@/lib/server/serving/scoring-pool');
    const served = await resolveServed(null, 'champion');
    const pool = new ScoringPool(3);
    try {
      await pool.load({ versionId: served.versionId, modelName: served.modelName, version: served.version, init: served.init });
      await expect.poll(() => pool.readyThreads(), { timeout: 30_000 }).toBe(3);
      // ids from the records and positional ids (no id field) both come out as the unsplit answer has them
      for (const batch of [records, records.slice(0, 101).map(({ customerID: _, ...r }) => r)]) {
        const body = JSON.stringify({ customers: batch });
        expect(body.length).toBeGreaterThanOrEqual(SPLIT_MIN_BYTES);
        const answer = await pool.predict(served.versionId, 'champion', body, true);
        if (!answer?.ok) throw new Error(`split answer failed: ${JSON.stringify(answer)}`);
        expect(answer.json).toBe(JSON.stringify(predict(served, 'champion', JSON.parse(body), true)));
        expect(answer.probabilities).toHaveLength(batch.length);
      }
      // invalid records in two parts: the issues are the whole body's, as unsplit
      const bad = records.map((r, i) => (i === 250 || i === 20 ? { ...r, tenure: 'x' } : r));
      const res = await pool.predict(served.versionId, 'champion', JSON.stringify({ customers: bad }), true);
      expect(res).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { issues: [{ path: 'customers.20.tenure' }, { path: 'customers.250.tenure' }] } } });
    } finally {
      await pool.close();
    }
  });

  it('requests that reach a busy thread are scored together, each answered exactly as alone; an invalid one fails alone', async () => {
    const { resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { ScoringPool } = await import('@/lib/server/serving/scoring-pool');
    const served = await resolveServed(null, 'champion');
    const pool = new ScoringPool(1);
    try {
      await pool.load({ versionId: served.versionId, modelName: served.modelName, version: served.version, init: served.init });
      await expect.poll(() => pool.readyThreads(), { timeout: 30_000 }).toBe(1);
      // one thread, 40 requests sent at once (singles, batches, and invalid ones): the thread takes them in groups
      const bodies = Array.from({ length: 40 }, (_, i) =>
        i % 13 === 5 ? { customer: { ...records[i], tenure: 'x' } } : i % 7 === 3 ? { customers: records.slice(i, i + 9) } : { customer: records[i] },
      );
      for (const reasons of [true, false]) {
        const answers = await Promise.all(bodies.map((b) => pool.predict(served.versionId, 'champion', JSON.stringify(b), reasons)));
        answers.forEach((a, i) => {
          if (i % 13 === 5) expect(a, `request ${i}`).toMatchObject({ ok: false, error: { code: 'unprocessable', details: { issues: [{ path: 'customer.tenure' }] } } });
          else expect(a?.ok && a.json, `request ${i}`).toBe(JSON.stringify(predict(served, 'champion', bodies[i], reasons)));
        });
      }
      // and a customer's answer alone is its answer in any batch, bit for bit (reasons included)
      const batch = predict(served, 'champion', { customers: records.slice(0, 64) });
      for (const i of [0, 17, 63]) expect(JSON.stringify(predict(served, 'champion', { customers: [records[i]] }).predictions[0])).toBe(JSON.stringify(batch.predictions[i]));
    } finally {
      await pool.close();
    }
  });

  it('swaps the champion while requests run: none fails, answers switch version', async () => {
    const { setAlias } = await import('@/lib/server/registry/registry');
    const { refreshServing, resolveServed } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const seen: number[] = [];
    let stop = false;
    let errors = 0;
    const load = (async () => {
      while (!stop) {
        try {
          seen.push(predict(await resolveServed('churn-model', 'champion'), 'champion', { customer: records[1] }).model.version);
        } catch {
          errors++;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    await setAlias(approver, 'churn-model', { alias: 'champion', version: 2, reason: 'swap under load' });
    await refreshServing();
    await new Promise((r) => setTimeout(r, 50));
    stop = true;
    await load;
    expect(errors).toBe(0);
    expect(seen[0]).toBe(1);
    expect(seen.at(-1)).toBe(2);
    expect(seen.indexOf(2)).toBeGreaterThan(0);
    // once switched, never back
    expect(seen.slice(seen.indexOf(2)).every((v) => v === 2)).toBe(true);
  });

  it('a champion this process cannot load makes it not ready, naming the version, until it loads', async () => {
    const { refreshServing, resetServingCache, servingStatus } = await import('@/lib/server/serving/serving-cache');
    const { db } = await import('@/lib/server/db/client');
    const { contentPath } = await import('@/lib/server/storage/content-store');
    const alias = await db().modelAlias.findFirstOrThrow({ where: { alias: 'champion', model: { name: 'churn-model' } }, include: { version: { include: { run: true } } } });
    const file = contentPath('artifacts', alias.version.run.artifactHash!, 'json');
    await rename(file, `${file}.away`);
    try {
      resetServingCache(); // a process starting now
      const status = await servingStatus();
      expect(status.ok).toBe(false);
      expect(status.detail).toContain(`churn-model champion v${alias.version.version}`);
    } finally {
      await rename(`${file}.away`, file);
    }
    resetServingCache();
    await refreshServing();
    expect((await servingStatus()).ok).toBe(true);
  });

  it('keeps serving the cached champion while the database is unreachable', async () => {
    const { refreshServing, resolveServed, servingStatus } = await import('@/lib/server/serving/serving-cache');
    const { predict } = await import('@/lib/server/serving/predict');
    const { createPrismaClient } = await import('@/lib/server/db/client');
    const g = globalThis as unknown as { churnlabPrisma?: unknown };
    const real = g.churnlabPrisma;
    g.churnlabPrisma = createPrismaClient('postgresql://nobody:x@127.0.0.1:1/none');
    try {
      await refreshServing();
      const status = await servingStatus();
      expect(status.ok).toBe(true);
      const res = predict(await resolveServed('churn-model', 'champion'), 'champion', { customer: records[2] });
      expect(res.model.version).toBe(2);
    } finally {
      g.churnlabPrisma = real;
    }
  });
});
