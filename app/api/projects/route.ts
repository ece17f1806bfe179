import { attachDemoSource } from '@/lib/server/demo/seed-demo';
import { env } from '@/lib/server/env';
import { withRoute } from '@/lib/server/http/with-route';
import { createProject, createProjectInput, listProjects } from '@/lib/server/projects/projects';

export const GET = withRoute({ role: 'viewer' }, async () => ({ projects: await listProjects() }));

export const POST = withRoute({ role: 'scientist' }, async ({ json, user }) => {
  const input = await json(createProjectInput);
  const project = await createProject(user!.id, input);
  if (env().DEMO_MODE) await attachDemoSource(project.id);
  return Response.json(project, { status: 201 });
});
