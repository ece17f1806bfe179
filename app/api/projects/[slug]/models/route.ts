import { withRoute } from '@/lib/server/http/with-route';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { listModels, registerInput, registerRun } from '@/lib/server/registry/registry';

/** The project's registered models with their versions and aliases. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params }) => ({ models: await listModels((await getProjectBySlug(params.slug)).id) }));

/** Registers a run as the next version of a model (scientist and up). */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const project = await getProjectBySlug(params.slug);
  const input = await json(registerInput);
  const version = await registerRun({ id: user!.id, role: user!.role }, { id: project.id, slug: project.slug }, input);
  return Response.json({ version }, { status: 201 });
});
