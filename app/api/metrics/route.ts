import { withRoute } from '@/lib/server/http/with-route';
import { metricsContentType, metricsText } from '@/lib/server/monitoring/metrics-endpoint';

export const dynamic = 'force-dynamic';

/**
 * Prometheus metrics (text format 0.0.4, written by prom-client). Scrape with an API key of the `read` scope
 * (`Authorization: Bearer <key>`; Prometheus `authorization: { credentials_file: … }`), or open it signed in.
 */
export const GET = withRoute({ role: 'viewer', scope: 'read' }, async () => new Response(await metricsText(), { headers: { 'content-type': metricsContentType(), 'cache-control': 'no-store' } }));
