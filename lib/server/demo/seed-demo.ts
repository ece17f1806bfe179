/**
 * Demo mode: one user per role with printed sign-ins, and the demo project. Idempotent: existing users keep
 * their passwords and roles; a missing piece is recreated.
 */
import type { Role } from '@/lib/auth/roles';
import { db } from '@/lib/server/db/client';
import { createProject } from '@/lib/server/projects/projects';
import { createUser } from '@/lib/server/users/users';

export const DEMO_USERS: { email: string; password: string; role: Role; name: string }[] = [
  { email: 'viewer@churnlab.local', password: 'viewer-demo-pass', role: 'viewer', name: 'Vera Viewer' },
  { email: 'scientist@churnlab.local', password: 'scientist-demo-pass', role: 'scientist', name: 'Sam Scientist' },
  { email: 'approver@churnlab.local', password: 'approver-demo-pass', role: 'approver', name: 'Ada Approver' },
  { email: 'admin@churnlab.local', password: 'admin-demo-pass', role: 'admin', name: 'Alex Admin' },
];

export const DEMO_PROJECT = {
  slug: 'telco-churn-demo',
  name: 'Telco churn (demo)',
  description: 'The demo telecom source: customers, daily usage logs and monthly billing; churn within 30 days.',
};

/** The demo source database: a SQLite file in DATA_DIR, written by scripts/lib/demo-source.ts. */
export const DEMO_SOURCE_FILE = 'demo-source.sqlite';
export const DEMO_SOURCE_NAME = 'Demo telecom source';

/** Registers the demo source in a project (every project can use it in demo mode); idempotent. */
export async function attachDemoSource(projectId: string): Promise<void> {
  const has = await db().dataSource.findFirst({ where: { projectId, name: DEMO_SOURCE_NAME } });
  if (!has) await db().dataSource.create({ data: { projectId, name: DEMO_SOURCE_NAME, kind: 'sqlite', location: DEMO_SOURCE_FILE } });
}

export async function seedDemo(): Promise<{ createdUsers: string[]; createdProject: boolean }> {
  const createdUsers: string[] = [];
  for (const u of DEMO_USERS) {
    const existing = await db().user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (existing) continue;
    await createUser({ email: u.email, password: u.password, role: u.role, name: u.name });
    createdUsers.push(u.email);
  }
  let createdProject = false;
  const project = await db().project.findUnique({ where: { slug: DEMO_PROJECT.slug }, select: { id: true } });
  if (!project) {
    const owner = await db().user.findUnique({ where: { email: 'scientist@churnlab.local' }, select: { id: true } });
    await createProject(owner?.id ?? null, { name: DEMO_PROJECT.name, description: DEMO_PROJECT.description }, { isDemo: true, slug: DEMO_PROJECT.slug });
    createdProject = true;
  }
  const demo = await db().project.findUniqueOrThrow({ where: { slug: DEMO_PROJECT.slug }, select: { id: true } });
  await attachDemoSource(demo.id);
  await db().appSetting.upsert({
    where: { key: 'demo.seededAt' },
    create: { key: 'demo.seededAt', value: new Date().toISOString() },
    update: {},
  });
  return { createdUsers, createdProject };
}
