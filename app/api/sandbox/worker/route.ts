import { withRoute } from '@/lib/server/http/with-route';
import { SANDBOX_WORKER_CSP } from '@/lib/notebook/sandbox/worker-script';
import { notModified, sandboxWorkerScript } from '../sandbox-files';

export const dynamic = 'force-dynamic';

/**
 * The notebook code-cell sandbox worker (classic script). Its own Content-Security-Policy is what a dedicated
 * worker enforces (the proxy does not run for /api), so this header is the sandbox's network barrier.
 */
export const GET = withRoute({ auth: 'public' }, async ({ req }) => {
  const { body, hash } = await sandboxWorkerScript();
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    'content-security-policy': SANDBOX_WORKER_CSP,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    // Small and changes with each release: revalidate every time (304 when unchanged).
    'cache-control': 'no-cache',
    etag: `"${hash}"`,
  };
  if (notModified(req, hash)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
});
