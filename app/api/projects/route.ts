import { withRoute } from '@/lib/server/http/with-route';
import { createProject, createProjectInput, listProjects } from '@/lib/server/projects/projects';

export const GET = withRoute({ role: 'viewer' }, async () => ({ projects: await listProjects() }));

export const POST = withRoute({ role: 'scientist' }, async ({ json, user }) => {
  const input = await json(createProjectInput);
  return Response.json(await createProject(user!.id, input), { status: 201 });
});
