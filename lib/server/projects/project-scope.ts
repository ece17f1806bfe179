import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

/** The id of the project with this slug, or a 404 naming it. */
export async function projectIdForSlug(slug: string): Promise<string> {
  const p = await db().project.findUnique({ where: { slug }, select: { id: true } });
  if (!p) throw new AppError('not_found', `no project "${slug}"`);
  return p.id;
}
