import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { createSource, createSourceInput, listSources } from '@/lib/server/sources/sources';

export const GET = withRoute<{ slug: string }>({ role: 'viewer' }, async ({ params }) => ({ sources: await listSources(await projectIdForSlug(params.slug)) }));

export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const input = await json(createSourceInput);
  return Response.json(await createSource(await projectIdForSlug(params.slug), input), { status: 201 });
});
