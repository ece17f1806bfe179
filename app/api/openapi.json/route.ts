import { env } from '@/lib/server/env';
import { openApiDocument } from '@/lib/server/openapi/openapi';

/** The OpenAPI 3.1 document of the public API; public, like any API reference. */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(openApiDocument(env().APP_URL), { headers: { 'cache-control': 'public, max-age=300' } });
}
