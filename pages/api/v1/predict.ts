/**
 * POST /api/v1/predict — scores one customer or a batch (≤ 1,000) of raw records with the champion (or
 * `?alias=challenger`), returning probability, label at the version's threshold and the top-3 reasons. Bearer key
 * with the `predict` scope, or a signed-in session (the Serve cell). Every call is counted for monitoring (status,
 * latency, model, deciles). The body is parsed, validated and scored in a scoring thread when the pool has one
 * ready (the same `predict`, so the same answers and errors), else here.
 *
 * A Next API route (Node's request and response) rather than an App Router route handler: on this, the hottest
 * route, the framework's own cost per request is most of the CPU, and this form costs a fraction of it (bench:api
 * measures both on its echo routes). Everything else is in lib/server, as for any route.
 */
import { AppError } from '@/lib/server/errors';
import { parseJsonText } from '@/lib/server/http/json-body';
import { JsonText, withNodeRoute } from '@/lib/server/http/with-node-route';
import { notePrediction, noteScores, noteServed, withRequestMetrics } from '@/lib/server/monitoring/request-metrics';
import { admit } from '@/lib/server/serving/admission';
import { parsePredictQuery, predict, PREDICT_MAX_BODY_BYTES } from '@/lib/server/serving/predict';
import { takeToken } from '@/lib/server/serving/rate-limit';
import { scoringPool } from '@/lib/server/serving/scoring-pool';
import { resolveServed } from '@/lib/server/serving/serving-cache';

/** Next leaves the body to the handler (read with the limit above) and the response size alone. */
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default withRequestMetrics('/api/v1/predict', withNodeRoute({ role: 'viewer', scope: 'predict', maxBodyBytes: PREDICT_MAX_BODY_BYTES }, async ({ req, url, apiKey, signal, bodyText }) => {
  if (apiKey) takeToken(apiKey.id);
  const q = parsePredictQuery(url);
  const text = await bodyText();
  const release = await admit(signal);
  try {
    const served = await resolveServed(q.model, q.alias);
    noteServed(req, served.modelName, served.version);
    const pooled = await scoringPool()?.predict(served.versionId, q.alias, text, q.reasons);
    if (pooled) {
      if (!pooled.ok) throw new AppError(pooled.error.code, pooled.error.message, pooled.error.details, pooled.error.headers);
      noteScores(req, pooled.modelName, pooled.version, pooled.probabilities);
      return new JsonText(pooled.json);
    }
    const res = predict(served, q.alias, parseJsonText(text), q.reasons);
    notePrediction(req, res);
    return res;
  } finally {
    release();
  }
}));
