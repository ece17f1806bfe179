import { AppError } from '@/lib/server/errors';
import { jsonResponse, parseJsonText, readBodyText, withRoute } from '@/lib/server/http/with-route';
import { notePrediction, noteScores, noteServed, withRequestMetrics } from '@/lib/server/monitoring/request-metrics';
import { admit } from '@/lib/server/serving/admission';
import { parsePredictQuery, predict, PREDICT_MAX_BODY_BYTES } from '@/lib/server/serving/predict';
import { takeToken } from '@/lib/server/serving/rate-limit';
import { scoringPool } from '@/lib/server/serving/scoring-pool';
import { resolveServed } from '@/lib/server/serving/serving-cache';

/**
 * Scores one customer or a batch (≤ 1,000) of raw records with the champion (or `?alias=challenger`), returning
 * probability, label at the version's threshold and the top-3 reasons. Bearer key with the `predict` scope, or a
 * signed-in session (the Serve cell). Every call is counted for monitoring (status, latency, model, deciles).
 * The body is parsed, validated and scored in a scoring thread when the pool has one ready (the same `predict`,
 * so the same answers and errors), else here.
 */
export const POST = withRequestMetrics('/api/v1/predict', withRoute({ role: 'viewer', scope: 'predict', maxBodyBytes: PREDICT_MAX_BODY_BYTES }, async ({ req, apiKey }) => {
  if (apiKey) takeToken(apiKey.id);
  const release = await admit(req.signal);
  try {
    const q = parsePredictQuery(new URL(req.url));
    const text = await readBodyText(req, PREDICT_MAX_BODY_BYTES);
    const served = await resolveServed(q.model, q.alias);
    noteServed(req, served.modelName, served.version);
    const pooled = await scoringPool()?.predict(served.versionId, q.alias, text, q.reasons);
    if (pooled) {
      if (!pooled.ok) throw new AppError(pooled.error.code, pooled.error.message, pooled.error.details, pooled.error.headers);
      noteScores(req, pooled.modelName, pooled.version, pooled.probabilities);
      return new Response(pooled.json, { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
    }
    const res = predict(served, q.alias, parseJsonText(text), q.reasons);
    notePrediction(req, res);
    return jsonResponse(res);
  } finally {
    release();
  }
}));
