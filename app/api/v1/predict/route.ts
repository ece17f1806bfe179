import { jsonResponse, readJsonBody, withRoute } from '@/lib/server/http/with-route';
import { notePrediction, noteServed, withRequestMetrics } from '@/lib/server/monitoring/request-metrics';
import { admit } from '@/lib/server/serving/admission';
import { parsePredictQuery, predict, PREDICT_MAX_BODY_BYTES } from '@/lib/server/serving/predict';
import { takeToken } from '@/lib/server/serving/rate-limit';
import { resolveServed } from '@/lib/server/serving/serving-cache';

/**
 * Scores one customer or a batch (≤ 1,000) of raw records with the champion (or `?alias=challenger`), returning
 * probability, label at the version's threshold and the top-3 reasons. Bearer key with the `predict` scope, or a
 * signed-in session (the Serve cell). Every call is counted for monitoring (status, latency, model, deciles).
 */
export const POST = withRequestMetrics('/api/v1/predict', withRoute({ role: 'viewer', scope: 'predict', maxBodyBytes: PREDICT_MAX_BODY_BYTES }, async ({ req, apiKey }) => {
  if (apiKey) takeToken(apiKey.id);
  const release = admit(req.signal);
  try {
    const q = parsePredictQuery(new URL(req.url));
    const body = await readJsonBody(req, PREDICT_MAX_BODY_BYTES);
    const served = await resolveServed(q.model, q.alias);
    noteServed(req, served.modelName, served.version);
    const res = predict(served, q.alias, body, q.reasons);
    notePrediction(req, res);
    return jsonResponse(res);
  } finally {
    release();
  }
}));
