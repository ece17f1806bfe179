import { withRoute } from '@/lib/server/http/with-route';
import { listNotebookVersions } from '@/lib/server/notebook/versions';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

/** The notebook's versions, newest first (at most 100): version, kind, label, author, times, cell counts, pipeline changes. */
export const GET = withRoute<{ slug: string }>({ role: 'viewer' }, async ({ params }) => ({ versions: await listNotebookVersions(await projectIdForSlug(params.slug)) }));
