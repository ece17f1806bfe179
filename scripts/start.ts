/**
 * `npm start`: sets up and runs ChurnLab.
 *   1. database: DATABASE_URL if set, else a real PostgreSQL embedded in DATA_DIR (default ./.data);
 *   2. migrations; 3. demo mode (default with the embedded database): demo users, project and source data;
 *   4. `next build` when the build is missing or older than the sources; 5. the web app and one worker.
 * Ctrl-C stops the web app, the worker and the database cleanly.
 *
 * Flags: --dev (next dev instead of build + start), --no-worker, --no-build, --port N, --host H, --data-dir D,
 * --fresh (delete the data directory first: for tests).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupStalePostmaster, startEmbeddedPostgres, takeOverShutdownSignals, type EmbeddedDatabase } from '@/lib/server/db/embedded-postgres';
import { applyMigrations } from '@/lib/server/db/schema-engine';
import { parseEnv } from '@/lib/server/env';
import { onStopSignals } from '@/lib/server/process/stop-signals';
import { buildIsStale } from './lib/build-stale';

const { values: args } = parseArgs({
  options: {
    dev: { type: 'boolean', default: false },
    'no-worker': { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    // Start from an empty data directory (tests): deletes --data-dir first.
    fresh: { type: 'boolean', default: false },
  },
});

const log = (msg: string) => console.log(`[churnlab] ${msg}`);
const fail = (msg: string): never => {
  console.error(`[churnlab] ${msg}`);
  process.exit(1);
};

function run(cmd: string, argv: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${l}`).join('\n') + '\n';
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  return child;
}

function runToEnd(cmd: string, argv: string[], env: NodeJS.ProcessEnv, track: ChildProcess[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { env, stdio: 'inherit' });
    track.push(child);
    child.on('exit', (code) => {
      track.splice(track.indexOf(child), 1);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const dataDir = path.resolve(args['data-dir'] ?? process.env.DATA_DIR ?? '.data');
  if (args.fresh) {
    await cleanupStalePostmaster(path.join(dataDir, 'pg'), log);
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  const host = args.host ?? process.env.HOST ?? '127.0.0.1';
  const port = Number(args.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT must be a TCP port number, got "${args.port ?? process.env.PORT}"`);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) fail('DATABASE_URL must be a postgres:// URL');
    log('using the PostgreSQL at DATABASE_URL');
  } else {
    log(`starting the embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || '.'}/pg`);
    embedded = await startEmbeddedPostgres({ dataDir, log });
    databaseUrl = embedded.url;
    log(`PostgreSQL ready on 127.0.0.1:${embedded.port}`);
  }

  const demoMode = process.env.DEMO_MODE !== undefined ? /^(1|true|yes)$/i.test(process.env.DEMO_MODE) : !process.env.DATABASE_URL;

  let authSecret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!authSecret) {
    if (process.env.DATABASE_URL && !demoMode) fail('AUTH_SECRET is not set: production needs a secret of 32+ characters (e.g. `openssl rand -base64 32`)');
    const file = path.join(dataDir, 'auth-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    authSecret = readFileSync(file, 'utf8').trim();
  }

  const appUrl = process.env.APP_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    AUTH_SECRET: authSecret,
    NEXTAUTH_SECRET: authSecret,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    DEMO_MODE: demoMode ? '1' : '0',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  Object.assign(process.env, env);
  try {
    parseEnv(env); // every setting the web app and the worker read, checked before anything starts
  } catch (err) {
    await embedded?.stop();
    fail((err as Error).message);
  }

  const stopDb = async () => {
    if (embedded) {
      log('stopping PostgreSQL');
      await embedded.stop().catch(() => {});
      embedded = undefined;
    }
  };

  // Signals are handled from here on, whatever phase we are in (setup, build or serving).
  const children: ChildProcess[] = [];
  let shuttingDown = false;
  const shutdown = async (reason: string, code = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log(`${reason}: stopping…`);
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    await stopDb();
    log('stopped');
    process.exit(code);
  };
  // embedded-postgres would stop the database on these signals itself and exit: the database went first, under a
  // worker still recording its jobs, and the children were not waited for. This process stops it last.
  takeOverShutdownSignals();
  onStopSignals(['SIGINT', 'SIGTERM', 'SIGHUP'], {
    stop: (sig) => void shutdown(sig),
    force: () => {
      for (const c of children) c.kill('SIGKILL');
      process.exit(1);
    },
  });

  let banner = () => {};
  try {
    const applied = await applyMigrations(databaseUrl);
    log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

    if (demoMode) {
      const { seedDemo, DEMO_USERS } = await import('@/lib/server/demo/seed-demo');
      const seeded = await seedDemo();
      if (seeded.createdUsers.length) log(`created demo users: ${seeded.createdUsers.join(', ')}`);
      const { ensureDemoSource } = await import('./lib/demo-source');
      await ensureDemoSource(dataDir, log);
      banner = () => printBanner(appUrl, DEMO_USERS);
    }
    const { db } = await import('@/lib/server/db/client');
    await db().$disconnect();
  } catch (err) {
    await stopDb();
    fail(`setup failed: ${err instanceof Error ? err.message : String(err)}`);
  }

  const nextBin = path.resolve('node_modules/next/dist/bin/next');
  if (!args.dev && !args['no-build'] && buildIsStale()) {
    log('building the web app (first run or sources changed; takes a minute or two)…');
    const code = await runToEnd(process.execPath, [nextBin, 'build'], { ...env, NODE_ENV: 'production' }, children);
    if (shuttingDown) return;
    if (code !== 0) {
      await stopDb();
      fail(`next build failed (exit ${code})`);
    }
  }

  const web = run(process.execPath, [nextBin, args.dev ? 'dev' : 'start', '-H', host, '-p', String(port)], { ...env, NODE_ENV: args.dev ? 'development' : 'production' }, 'web');
  children.push(web);
  if (!args['no-worker']) {
    children.push(run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'workers/main.ts'], { ...env, NODE_ENV: 'production' }, 'worker'));
  }
  banner();
  log(`ChurnLab is starting at ${appUrl}  (Ctrl-C stops it)`);

  for (const c of children) {
    c.on('exit', (code, signal) => {
      if (!shuttingDown) void shutdown(`a child process exited (${code ?? signal})`, code || 1);
    });
  }
}

function printBanner(url: string, users: { email: string; password: string; role: string }[]) {
  const lines = [
    '',
    `  ChurnLab (demo mode) → ${url}`,
    '',
    '  Demo sign-ins:',
    ...users.map((u) => `    ${u.role.padEnd(10)} ${u.email.padEnd(26)} ${u.password}`),
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
