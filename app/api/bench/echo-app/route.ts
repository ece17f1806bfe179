import { env } from '@/lib/server/env';
import { jsonResponse, readJsonBody } from '@/lib/server/http/with-route';

/**
 * Benchmark baseline only (BENCH_MODE=1): echoes a JSON body, so `npm run bench:api` can measure the framework's
 * own ceiling on this machine, as an App Router route handler, next to the scoring route and /api/bench/echo (the
 * same echo as a Next API route, the form the scoring route takes). 404 otherwise.
 */
export async function POST(req: Request): Promise<Response> {
  if (env().BENCH_MODE !== '1') return jsonResponse({ error: { code: 'not_found', message: 'not found' } }, 404);
  try {
    return jsonResponse(await readJsonBody(req, 2 * 1024 * 1024));
  } catch {
    return jsonResponse({ error: { code: 'bad_request', message: 'invalid JSON' } }, 400);
  }
}
