/**
 * Ingest benchmark: synthetic SQLite source → runIngest (30-day window) → merged table → Parquet bytes.
 *   npx tsx scripts/bench-ingest.ts [--customers N] [--months M] [--cache-dir DIR]
 * The source is cached by (customers, months, seed) in DIR (default: $TMPDIR/churnlab-bench-ingest) and reused.
 * If `/usr/bin/python3 -c "import pandas"` works, times pandas read_sql of the same three queries + merge.
 * The last line is one JSON object with the figures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableToParquet } from '@/lib/data/codecs/parquet';
import { buildExtractQueries } from '@/lib/ingest/extract-queries';
import { resolveWindow } from '@/lib/ingest/window';
import { writeSqliteSource } from '@/lib/server/demo-source/write-sqlite-source';
import { runIngest } from '@/lib/server/ingest/run-ingest';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const customers = Number(arg('customers', '100000'));
const months = Number(arg('months', '12'));
const seed = 42;
const endDate = '2026-10-31';
const cacheDir = arg('cache-dir', path.join(os.tmpdir(), 'churnlab-bench-ingest'));
// The window ends a month before the source does, so the 30-day label horizon sees real churn events.
const window = resolveWindow({ last: '30d', end: '2026-09-30' });

const PANDAS_SCRIPT = `
import json, sqlite3, sys, time
import pandas as pd
q = json.loads(sys.stdin.read())
t0 = time.perf_counter()
con = sqlite3.connect('file:' + q['path'] + '?mode=ro', uri=True)
c = pd.read_sql(q['customers']['sql'], con, params=q['customers']['params'])
u = pd.read_sql(q['usage']['sql'], con, params=q['usage']['params'])
b = pd.read_sql(q['billing']['sql'], con, params=q['billing']['params'])
m = c.merge(u, on='customer_id', how='left').merge(b, on='customer_id', how='left')
t1 = time.perf_counter()
print(json.dumps({'ms': (t1 - t0) * 1000, 'rows': int(len(m))}))
`;

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `source-c${customers}-m${months}-s${seed}.sqlite`);
  let generateMs: number | null = null;
  if (!fs.existsSync(file)) {
    process.stderr.write(`generating ${customers} customers × ${months} months into ${file} …\n`);
    const res = await writeSqliteSource(file, { customers, months, seed, endDate }, {
      chunkCustomers: 2000,
      onProgress: (p) => {
        if (p.customersDone % 20000 === 0 || p.customersDone === p.customersTotal) {
          process.stderr.write(`  ${p.customersDone}/${p.customersTotal} customers, ${p.rowsWritten} rows\n`);
        }
      },
    });
    generateMs = res.elapsedMs;
  }
  const sourceBytes = fs.statSync(file).size;

  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const ingest = await runIngest({ kind: 'sqlite', path: file }, window);
  const t1 = performance.now();
  const parquet = tableToParquet(ingest.table);
  const t2 = performance.now();
  const sha256 = createHash('sha256').update(parquet).digest('hex');
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;

  let pandasMs: number | null = null;
  let pandasNote = 'not available (/usr/bin/python3 cannot import pandas)';
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' });
  if (probe.status === 0) {
    const q = buildExtractQueries('sqlite', window);
    const py = spawnSync('/usr/bin/python3', ['-c', PANDAS_SCRIPT], { input: JSON.stringify({ path: file, ...q }), encoding: 'utf8' });
    if (py.status === 0) {
      const out = JSON.parse(py.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; rows: number };
      pandasMs = out.ms;
      pandasNote = `${out.rows} rows`;
    } else {
      pandasNote = `failed: ${py.stderr.slice(0, 200)}`;
    }
  }

  const ingestMs = t1 - t0;
  const rows: [string, string][] = [
    ['source', `${customers} customers × ${months} months, ${mb(sourceBytes)} MB SQLite${generateMs === null ? ' (cached)' : `, generated in ${(generateMs / 1000).toFixed(1)} s`}`],
    ['window', `${window.start} … ${window.end} (label horizon 30 d)`],
    ['rows out', `${ingest.rowCount} (usage rows read ${ingest.stats.usageRows}, billing rows ${ingest.stats.billingRows})`],
    ['ingest (3 queries + merge)', `${ingestMs.toFixed(0)} ms`],
    ['table → Parquet', `${(t2 - t1).toFixed(0)} ms, ${mb(parquet.length)} MB, sha256 ${sha256.slice(0, 12)}…`],
    ['total', `${(t2 - t0).toFixed(0)} ms`],
    ['peak RSS (maxRSS)', `${mb(maxRssBytes)} MB (rss before ingest ${mb(rssBefore)} MB)`],
    ['pandas read_sql + merge', pandasMs === null ? pandasNote : `${pandasMs.toFixed(0)} ms (${pandasNote})`],
  ];
  if (pandasMs !== null) rows.push(['ingest / pandas', `${(ingestMs / pandasMs).toFixed(2)}×`]);
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log(
    JSON.stringify({
      customers,
      months,
      windowStart: window.start,
      windowEnd: window.end,
      sourceBytes,
      generateMs,
      rows: ingest.rowCount,
      usageRows: ingest.stats.usageRows,
      billingRows: ingest.stats.billingRows,
      ingestMs: Math.round(ingestMs),
      parquetMs: Math.round(t2 - t1),
      totalMs: Math.round(t2 - t0),
      parquetBytes: parquet.length,
      parquetSha256: sha256,
      maxRssBytes,
      pandasMs: pandasMs === null ? null : Math.round(pandasMs),
      ingestVsPandasRatio: pandasMs === null ? null : ingestMs / pandasMs,
    }),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
