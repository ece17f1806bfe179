import { withRoute } from '@/lib/server/http/with-route';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';
import { receiveUpload } from '@/lib/server/uploads/uploads';

/** Step 1 of an upload: the raw CSV or Parquet file as the body, `?filename=` naming it. */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, req, user }) => {
  const projectId = await projectIdForSlug(params.slug);
  const fileName = new URL(req.url).searchParams.get('filename') ?? 'upload.csv';
  return Response.json(await receiveUpload(projectId, user!.id, fileName, req), { status: 201 });
});
