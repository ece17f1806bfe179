import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { importGxSuite } from '@/lib/server/validation/suites';

/** Body: a GX suite JSON (0.x or 1.x) → the next version of suite `?name=` (default `default`); 422 naming bad paths. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist', maxBodyBytes: 5_000_000 }, async ({ params, json, user, req }) => {
  const body = await json(z.unknown());
  const projectId = await projectIdForSlug(params.slug);
  return Response.json(await importGxSuite(projectId, user!.id, body, new URL(req.url).searchParams.get('name')), { status: 201 });
});
