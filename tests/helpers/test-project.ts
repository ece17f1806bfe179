/**
 * The start of most integration files: a data directory (DATA_DIR), a fresh database, a scientist (and, when
 * asked, an approver) and one project; `close()` stops the queue, drops the database and removes the directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestUser {
  id: string;
  role: string;
}

export interface TestProject {
  t: TestDatabase;
  dataDir: string;
  project: { id: string; slug: string };
  /** sci@example.com */
  sci: TestUser;
  /** appr@example.com, with `{ approver: true }` */
  approver: TestUser | null;
  close(): Promise<void>;
}

export async function setUpTestProject(name: string, opts: { approver?: boolean } = {}): Promise<TestProject> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `churnlab-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-`));
  process.env.DATA_DIR = dataDir;
  const t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  const sci = { id: (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id, role: 'scientist' };
  const approver = opts.approver ? { id: (await createUser({ email: 'appr@example.com', password: 'approver-pass', role: 'approver' })).id, role: 'approver' } : null;
  const p = await createProject(sci.id, { name });
  return {
    t,
    dataDir,
    project: { id: p.id, slug: p.slug },
    sci,
    approver,
    async close() {
      const { stopBoss } = await import('@/lib/server/jobs/boss');
      await stopBoss({ graceful: false, timeout: 1000 }).catch(() => {});
      await t.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
