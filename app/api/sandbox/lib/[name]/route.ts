import { AppError } from '@/lib/server/errors';
import { withRoute } from '@/lib/server/http/with-route';
import type { SandboxLibName } from '@/lib/notebook/sandbox/protocol';
import { notModified, SANDBOX_LIB_NAMES, sandboxLib } from '../../sandbox-files';

export const dynamic = 'force-dynamic';

/**
 * A library bundle for the sandbox worker (`acorn`, `aq`, `tf`, `dfd`), fetched by the page and handed to the
 * worker as text. With the current `?v=` hash the response is immutable; any other `v` revalidates.
 */
export const GET = withRoute<{ name: string }>({ auth: 'public' }, async ({ req, params }) => {
  if (!(SANDBOX_LIB_NAMES as string[]).includes(params.name)) {
    throw new AppError('not_found', `name: unknown sandbox library "${params.name}" (expected one of ${SANDBOX_LIB_NAMES.join(', ')})`);
  }
  const { body, hash } = await sandboxLib(params.name as SandboxLibName);
  const current = new URL(req.url).searchParams.get('v') === hash;
  const headers = {
    'content-type': 'text/javascript; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    etag: `"${hash}"`,
  };
  if (notModified(req, hash)) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
});
