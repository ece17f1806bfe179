/**
 * node scripts/bench-api/reaper.mjs PARENT_PID DIR
 *
 * A detached watchdog of the API benchmarks: if the benchmark process dies without cleaning up (SIGKILL, or tsx
 * killing a busy child on Ctrl-C), it stops what the benchmark left running — the web app (pid in DIR/server.pid)
 * and the embedded PostgreSQL (DIR/pg/postmaster.pid) — and removes DIR. It exits as soon as DIR is gone (the
 * benchmark cleaned up itself).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const [parentPid, dir] = [Number(process.argv[2]), process.argv[3]];
if (!Number.isInteger(parentPid) || !dir || !path.isAbsolute(dir)) process.exit(2);

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
};
const pidIn = (file) => {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function stop(pid, signal, waitMs) {
  if (pid === null || !alive(pid)) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let t = 0; t < waitMs && alive(pid); t += 100) await sleep(100);
  if (alive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

for (;;) {
  await sleep(1000);
  if (!existsSync(dir)) process.exit(0);
  if (alive(parentPid)) continue;
  await stop(pidIn(path.join(dir, 'server.pid')), 'SIGTERM', 10_000);
  // SIGINT = PostgreSQL's fast shutdown
  await stop(pidIn(path.join(dir, 'pg', 'postmaster.pid')), 'SIGINT', 15_000);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
