import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { checkSuiteName, exportGxSuite } from '@/lib/server/validation/suites';

const version = z.coerce.number().int().min(1).optional();

/** GX 0.x suite JSON of `?version=N` (default: latest) of suite `?name=` (default `default`), as a download. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const q = new URL(req.url).searchParams;
  const v = version.parse(q.get('version') ?? undefined);
  const projectId = await projectIdForSlug(params.slug);
  const out = await exportGxSuite(projectId, checkSuiteName(q.get('name')), v);
  return new Response(JSON.stringify(out.json, null, 2), {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${params.slug}.${out.name}.v${out.version}.gx.json"`,
    },
  });
});
