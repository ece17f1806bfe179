import { withRoute } from '@/lib/server/http/with-route';
import { labelNotebookVersion } from '@/lib/server/notebook/save-notebook';
import { getNotebookVersion } from '@/lib/server/notebook/versions';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { z } from 'zod';
import { versionParam } from './version-param';

type P = { slug: string; version: string };

/** One version's document and meta. */
export const GET = withRoute<P>({ role: 'viewer' }, async ({ params }) => getNotebookVersion(await projectIdForSlug(params.slug), versionParam(params.version)));

/** Names a version: `{ label }` (null or '' clears it). */
export const PATCH = withRoute<P>({ role: 'scientist' }, async ({ params, json, user }) => {
  const version = versionParam(params.version);
  const body = await json(z.unknown());
  return { meta: await labelNotebookVersion(await projectIdForSlug(params.slug), version, body, { id: user!.id, role: user!.role }) };
});
