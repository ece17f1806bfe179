/**
 * Creates a user, e.g. the first admin outside demo mode (no default password exists):
 *   npm run user:create -- --email you@example.com --role admin [--name "You"] [--password …]
 * Without --password it is read from the CHURNLAB_PASSWORD variable or prompted for (not echoed).
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ROLES } from '@/lib/auth/roles';
import { withDatabase } from './lib/with-database';

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string', default: 'viewer' }, name: { type: 'string' }, password: { type: 'string' } },
});

function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    const write = out._writeToOutput.bind(rl);
    out._writeToOutput = (s: string) => write(s.startsWith(question) ? s : '');
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

if (!values.email) {
  console.error(`usage: npm run user:create -- --email <email> --role <${ROLES.join('|')}> [--name <name>] [--password <password>]`);
  process.exit(2);
}
if (!(ROLES as readonly string[]).includes(values.role ?? '')) {
  console.error(`--role must be one of ${ROLES.join(', ')}; got "${values.role}"`);
  process.exit(2);
}
const password = values.password ?? process.env.CHURNLAB_PASSWORD ?? (process.stdin.isTTY ? await prompt('Password (10+ characters): ') : '');

// Check the input before touching the database, so a typo costs nothing.
const { createUserInput } = await import('@/lib/server/users/users');
const checked = createUserInput.safeParse({ email: values.email, role: values.role, name: values.name, password });
if (!checked.success) {
  console.error(`could not create the user: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(1);
}

await withDatabase(async (url) => {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET ??= 'x'.repeat(32); // not used here; the env schema requires one
  const { applyMigrations } = await import('@/lib/server/db/schema-engine');
  try {
    await applyMigrations(url);
  } catch (err) {
    console.error(`could not reach or migrate the database: ${(err as Error).message.split('\n')[0]}`);
    process.exit(1);
  }
  const { createUser } = await import('@/lib/server/users/users');
  const { db } = await import('@/lib/server/db/client');
  try {
    const user = await createUser({ email: values.email!, role: values.role as (typeof ROLES)[number], name: values.name, password });
    console.log(`created ${user.role} ${user.email}`);
  } catch (err) {
    const e = err as { message?: string; issues?: { path: PropertyKey[]; message: string }[] };
    const detail = e.issues ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : e.message;
    console.error(`could not create the user: ${detail}`);
    await db().$disconnect();
    process.exit(1);
  }
  await db().$disconnect();
});
