import { withRoute } from '@/lib/server/http/with-route';
import { commitUpload, commitUploadInput } from '@/lib/server/uploads/uploads';

/** Step 2 of an upload: target, positive value, type overrides → snapshot (201; 200 when identical data exists). */
export const POST = withRoute<{ id: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const { snapshot, created } = await commitUpload(params.id, await json(commitUploadInput));
  return Response.json(snapshot, { status: created ? 201 : 200 });
});
