import Link from 'next/link';
import { OpenApiView } from '@/components/serve/openapi-view';
import { requirePageUser } from '@/lib/server/auth/page-guard';

export const metadata = { title: 'API docs · ChurnLab' };

/** The HTTP API reference, rendered from the app's own OpenAPI 3.1 document (no external viewer, no eval). */
export default async function ApiDocsPage() {
  const user = await requirePageUser('viewer', '/docs/api');
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>API docs</h1>
          <p className="muted" style={{ margin: 0 }}>
            Score customers with the champion model from any system: <code>POST /api/v1/predict</code> with a Bearer key that has the <code>predict</code> scope
            {user.role === 'viewer' ? ' (a scientist creates keys).' : <> (create one in <Link href="/settings/api-keys">API keys</Link>).</>} Signed-in sessions work too.
          </p>
        </div>
      </div>
      <OpenApiView />
    </div>
  );
}
