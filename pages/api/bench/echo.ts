/**
 * Benchmark baseline only (BENCH_MODE=1): echoes a JSON body, so `npm run bench:api` can measure the framework's
 * own ceiling on this machine next to the scoring route, in the same form as it: a Next API route on Node's request
 * and response, through the same wrapper (body limit, JSON answer, error mapping) but without authentication, as
 * trivial as an echo gets. 404 otherwise. /api/bench/echo-app is the same echo as an App Router route handler.
 */
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { parseJsonText } from '@/lib/server/http/json-body';
import { withNodeRoute } from '@/lib/server/http/with-node-route';

export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default withNodeRoute({ auth: 'public', maxBodyBytes: 2 * 1024 * 1024 }, async ({ bodyText }) => {
  if (env().BENCH_MODE !== '1') throw new AppError('not_found', 'not found');
  return parseJsonText(await bodyText());
});
