/** Projects: each is a notebook whose cells are the pipeline stages. */
import { z } from 'zod';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export interface ProjectDTO {
  id: string;
  name: string;
  slug: string;
  description: string;
  isDemo: boolean;
  createdAt: string;
  owner: string | null;
}

export const createProjectInput = z.object({
  name: z.string().trim().min(1, 'is required').max(120),
  description: z.string().trim().max(2000).default(''),
});

function toDTO(p: { id: string; name: string; slug: string; description: string; isDemo: boolean; createdAt: Date; owner?: { email: string } | null }): ProjectDTO {
  return { id: p.id, name: p.name, slug: p.slug, description: p.description, isDemo: p.isDemo, createdAt: p.createdAt.toISOString(), owner: p.owner?.email ?? null };
}

export function slugify(name: string): string {
  const s = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return s || 'project';
}

export async function listProjects(): Promise<ProjectDTO[]> {
  const rows = await db().project.findMany({ orderBy: [{ isDemo: 'desc' }, { createdAt: 'asc' }], include: { owner: { select: { email: true } } } });
  return rows.map(toDTO);
}

export async function getProjectBySlug(slug: string): Promise<ProjectDTO> {
  const p = await db().project.findUnique({ where: { slug }, include: { owner: { select: { email: true } } } });
  if (!p) throw new AppError('not_found', `no project "${slug}"`);
  return toDTO(p);
}

export async function createProject(ownerId: string | null, input: z.input<typeof createProjectInput>, opts: { isDemo?: boolean; slug?: string } = {}): Promise<ProjectDTO> {
  const data = createProjectInput.parse(input);
  const base = opts.slug ?? slugify(data.name);
  for (let i = 0; i < 50; i++) {
    const slug = i === 0 ? base : `${base}-${i + 1}`;
    const taken = await db().project.findUnique({ where: { slug }, select: { id: true } });
    if (taken) continue;
    const p = await db().project.create({
      data: { name: data.name, description: data.description, slug, ownerId, isDemo: opts.isDemo ?? false },
      include: { owner: { select: { email: true } } },
    });
    return toDTO(p);
  }
  throw new AppError('conflict', `too many projects named like "${data.name}"`);
}
