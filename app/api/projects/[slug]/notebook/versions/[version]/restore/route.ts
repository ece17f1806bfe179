import { withRoute } from '@/lib/server/http/with-route';
import { restoreNotebookVersion } from '@/lib/server/notebook/save-notebook';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { versionParam } from '../version-param';

/** Restores a version as a new version of kind 'restore' (its pipeline settings too). */
export const POST = withRoute<{ slug: string; version: string }>({ role: 'scientist' }, async ({ params, user }) =>
  restoreNotebookVersion(await projectIdForSlug(params.slug), versionParam(params.version), { id: user!.id, role: user!.role }),
);
