import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { checkSuiteName, listSuiteVersions, saveSuiteVersion } from '@/lib/server/validation/suites';

/** Versions of the project's suites, newest first (`?name=` one suite); creates the default suite on first read. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer', scope: 'read' }, async ({ params, req }) => {
  const projectId = await projectIdForSlug(params.slug);
  const name = new URL(req.url).searchParams.get('name');
  return { versions: await listSuiteVersions(projectId, name === null ? undefined : checkSuiteName(name)) };
});

/** Saves a suite document (`{ name?, expectations, meta? }`) as the next version; 422 naming each bad path. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json, user }) => {
  const body = await json(z.record(z.string(), z.unknown()));
  const projectId = await projectIdForSlug(params.slug);
  return Response.json(await saveSuiteVersion(projectId, user!.id, body), { status: 201 });
});
