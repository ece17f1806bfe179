/**
 * The sklearn reference of `bench:gbdt`: its train_anchor.py run live on a copy of /work/shared/anchors (HGB seed
 * and seed + ES at one thread) when /usr/bin/python3 imports sklearn and the run is not `--quick`, else the stored
 * results/telco_train.json. Figures are read from the anchor's single-thread runs only.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ANCHORS, DATA, QUICK } from './cli';
import { loadavg } from './stats';

export interface AnchorRun {
  roc_auc: number;
  f1: number;
  fit_s: number;
  rows_per_s: number;
  p50: number;
  p95: number;
  p99: number;
  n_iter?: number;
}

export function readAnchor(file: string): Record<string, AnchorRun> {
  interface RawRun {
    model: string;
    threads_requested: number;
    n_iter?: number;
    fit_s_median: number;
    test: { roc_auc: number; f1: number };
    batch: { rows_per_s: number };
    single_row_us: { p50: number; p95: number; p99: number };
  }
  const j = JSON.parse(readFileSync(file, 'utf8')) as { runs: RawRun[] };
  const out: Record<string, AnchorRun> = {};
  for (const r of j.runs) {
    if (r.threads_requested !== 1) continue;
    out[r.model] = {
      roc_auc: r.test.roc_auc,
      f1: r.test.f1,
      fit_s: r.fit_s_median,
      rows_per_s: r.batch.rows_per_s,
      p50: r.single_row_us.p50,
      p95: r.single_row_us.p95,
      p99: r.single_row_us.p99,
      n_iter: r.n_iter,
    };
  }
  return out;
}

export function loadAnchors(): { source: string; runs: Record<string, AnchorRun> } {
  const stored = join(ANCHORS, 'results', 'telco_train.json');
  const py = spawnSync('/usr/bin/python3', ['-c', 'import sklearn'], { stdio: 'ignore' });
  let why = 'sklearn not importable by /usr/bin/python3';
  if (py.status === 0 && QUICK) why = '--quick: anchor not re-run';
  else if (py.status === 0) {
    // ../shared is read-only: run a copy
    const dir = mkdtempSync(join(tmpdir(), 'anchors-'));
    cpSync(ANCHORS, join(dir, 'anchors'), { recursive: true });
    const out = join(dir, 'telco_train.json');
    const dataDir = resolve(DATA, '..');
    // only the runs compared below (HGB seed / seed + ES at one thread): the full anchor (XGBoost, logistic
    // regression, all threads) adds minutes and is not read here
    const load0 = loadavg();
    const r = spawnSync('/usr/bin/python3', [join(dir, 'anchors', 'train_anchor.py'), dataDir, '--out', out, '--models', 'hgb_seed,hgb_seed_es', '--threads', '1'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 15 * 60_000,
    });
    if (r.status === 0 && existsSync(out)) return { source: `ran the sklearn anchor now (${out}; load avg ${load0} → ${loadavg()})`, runs: readAnchor(out) };
    const last = r.error ? r.error.message : (`${r.stderr ?? ''}`.trim().split('\n').pop() ?? '');
    why = `sklearn importable but the anchor run failed: ${last}`;
  }
  return { source: `stored numbers from ${stored} (${why})`, runs: readAnchor(stored) };
}
