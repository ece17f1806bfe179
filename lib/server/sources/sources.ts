/**
 * A project's SQL sources. The browser only ever sees a redacted location: a PostgreSQL URL without its
 * password, a SQLite path relative to DATA_DIR.
 */
import path from 'node:path';
import { z } from 'zod';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';
import { dataPath } from '@/lib/server/storage/content-store';

export type { SourceDTO } from '@/lib/api/dto';
import type { SourceDTO } from '@/lib/api/dto';

export type SourceConnection = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

function toDTO(s: { id: string; name: string; kind: 'sqlite' | 'postgres'; location: string; dbSchema: string | null; createdAt: Date }): SourceDTO {
  return { id: s.id, name: s.name, kind: s.kind, location: s.kind === 'postgres' ? redactUrl(s.location) : s.location, dbSchema: s.dbSchema, createdAt: s.createdAt.toISOString() };
}

/** SQLite sources live inside DATA_DIR (a path relative to it): a user must not make the server open any file. */
function sqlitePath(location: string): string {
  const base = path.resolve(dataPath());
  const full = path.resolve(base, location);
  if (path.isAbsolute(location) || !full.startsWith(base + path.sep)) {
    throw new AppError('bad_request', `location: a SQLite source must be a file inside the data directory, got "${location}"`);
  }
  return full;
}

export const createSourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), name: z.string().trim().min(1).max(80), location: z.string().min(1).max(500) }),
  z.object({
    kind: z.literal('postgres'),
    name: z.string().trim().min(1).max(80),
    location: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    dbSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be a lowercase SQL identifier').optional(),
  }),
]);

export async function createSource(projectId: string, input: z.input<typeof createSourceInput>): Promise<SourceDTO> {
  const data = createSourceInput.parse(input);
  if (data.kind === 'sqlite') sqlitePath(data.location);
  const exists = await db().dataSource.findUnique({ where: { projectId_name: { projectId, name: data.name } } });
  if (exists) throw new AppError('conflict', `a source named "${data.name}" already exists in this project`);
  const row = await db().dataSource.create({
    data: { projectId, name: data.name, kind: data.kind, location: data.location, dbSchema: data.kind === 'postgres' ? (data.dbSchema ?? null) : null },
  });
  return toDTO(row);
}

export async function listSources(projectId: string): Promise<SourceDTO[]> {
  return (await db().dataSource.findMany({ where: { projectId }, orderBy: { createdAt: 'asc' } })).map(toDTO);
}

/** The connection for a source of the project (server-side only: includes credentials). */
export async function sourceConnection(projectId: string, sourceId: string): Promise<{ source: SourceDTO; connection: SourceConnection }> {
  const s = await db().dataSource.findUnique({ where: { id: sourceId } });
  if (!s || s.projectId !== projectId) throw new AppError('not_found', `no source ${sourceId} in this project`);
  const connection: SourceConnection = s.kind === 'sqlite' ? { kind: 'sqlite', path: sqlitePath(s.location) } : { kind: 'postgres', url: s.location, ...(s.dbSchema ? { schema: s.dbSchema } : {}) };
  return { source: toDTO(s), connection };
}
