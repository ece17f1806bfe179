/**
 * The FastAPI + uvicorn anchor of ../shared/anchors (serve_bench.py: HGB with the seed's params, 2 workers,
 * OMP_NUM_THREADS=1, TCP_NODELAY launcher, wrk). Run side by side when Debian's python3-fastapi, -uvicorn,
 * -sklearn and wrk are present; otherwise its recorded numbers (results/telco_serve_omp1_nodelay.json, or the
 * figures quoted in issue 8) are used and marked "recorded".
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TELCO_CSV } from './telco';

export const ANCHORS_DIR = path.resolve(process.env.ANCHORS_DIR ?? '../shared/anchors');
const RECORDED_FILE = path.join(ANCHORS_DIR, 'results', 'telco_serve_omp1_nodelay.json');
/** Issue 8's figures, used when even the recorded file is missing. */
const ISSUE_FIGURES: Record<number, AnchorRun> = { 16: { connections: 16, rps: 200, p50_ms: 73, p95_ms: 173, p99_ms: 261 } };

export interface AnchorRun {
  connections: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
}

export interface Anchor {
  /** 'measured' (run now) or 'recorded' */
  source: 'measured' | 'recorded';
  detail: string;
  runs: Record<number, AnchorRun>;
}

interface WrkRun {
  connections: number;
  rps: number;
  p50_us: number;
  p95_us: number;
  p99_us: number;
  endpoint: string;
}

function fromFile(file: string): Record<number, AnchorRun> {
  const j = JSON.parse(readFileSync(file, 'utf8')) as { configs: { workers: number; runs: WrkRun[] }[] };
  const config = j.configs.find((c) => c.workers === 2) ?? j.configs[0];
  const out: Record<number, AnchorRun> = {};
  for (const r of config.runs) {
    if (r.endpoint !== 'POST /predict') continue;
    out[r.connections] = { connections: r.connections, rps: r.rps, p50_ms: r.p50_us / 1000, p95_ms: r.p95_us / 1000, p99_ms: r.p99_us / 1000 };
  }
  return out;
}

function recorded(why: string): Anchor {
  if (existsSync(RECORDED_FILE)) return { source: 'recorded', detail: `${RECORDED_FILE} (${why})`, runs: fromFile(RECORDED_FILE) };
  return { source: 'recorded', detail: `issue 8 figures (${why}; ${RECORDED_FILE} missing)`, runs: ISSUE_FIGURES };
}

/** Runs the anchor now when its Python stack and wrk are present, else returns the recorded numbers. */
export function loadAnchor(opts: { durationS: number; port: number; skipRun: boolean }): Anchor {
  const py = spawnSync('/usr/bin/python3', ['-c', 'import fastapi, uvicorn, sklearn'], { stdio: 'ignore' });
  if (py.status !== 0) return recorded('python3 cannot import fastapi, uvicorn, sklearn');
  if (spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error) return recorded('wrk is not installed');
  if (opts.skipRun) return recorded('--quick: anchor not re-run');
  // ../shared is read-only: run a copy
  const dir = mkdtempSync(path.join(os.tmpdir(), 'churnlab-anchor-'));
  try {
    cpSync(ANCHORS_DIR, path.join(dir, 'anchors'), { recursive: true });
    const out = path.join(dir, 'serve.json');
    const r = spawnSync(
      '/usr/bin/python3',
      [path.join(dir, 'anchors', 'serve_bench.py'), path.dirname(TELCO_CSV), '--omp-threads', '1', '--launcher', 'nodelay', '--workers', '2', '--concurrency', '1,16,64', '--duration', String(Math.max(1, Math.round(opts.durationS))), '--port', String(opts.port), '--no-health-baseline', '--out', out],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000 },
    );
    if (r.status === 0 && existsSync(out)) return { source: 'measured', detail: 'serve_bench.py run now (2 workers, OMP_NUM_THREADS=1, nodelay, wrk)', runs: fromFile(out) };
    return recorded(`the anchor run failed: ${`${r.stderr ?? ''}`.trim().split('\n').pop() ?? r.status}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
