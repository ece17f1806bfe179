/**
 * `npm run demo:source`: generates the deterministic demo telecom source (customers, usage_logs, billing,
 * churn_events + source_meta) into SQLite and/or a PostgreSQL schema, and prints counts, churn rate, the
 * dirty-data report and timings.
 *
 *   npm run demo:source -- --customers 1000000 --months 12 --seed 42 --out .data/demo-source.sqlite
 *   npm run demo:source -- --customers 20000 --pg postgres://user:pw@127.0.0.1:5432/db --schema demo_source
 *
 * Flags: --customers N (20000), --months N (12), --seed N (42), --end-date YYYY-MM-DD (2026-10-31),
 * --out PATH (.data/demo-source.sqlite; written unless only --pg is given), --pg URL, --schema NAME (demo_source).
 * Ctrl-C aborts between chunks; the SQLite temp file and the PostgreSQL staging schema are removed.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MONTHLY_CHURN_RATE_BAND } from '@/lib/data/synthetic/churn-model';
import { summarizeDirtyReport } from '@/lib/data/synthetic/dirty-report';
import type { SourceSummary } from '@/lib/data/synthetic/generate-source';
import { loadSourceIntoPostgres } from '@/lib/server/demo-source/load-postgres-source';
import { writeSqliteSource, type DemoSourceProgress } from '@/lib/server/demo-source/write-sqlite-source';

const { values: raw } = parseArgs({
  options: {
    customers: { type: 'string' },
    months: { type: 'string' },
    seed: { type: 'string' },
    'end-date': { type: 'string' },
    out: { type: 'string' },
    pg: { type: 'string' },
    schema: { type: 'string' },
  },
});

const Args = z.object({
  customers: z.coerce.number().int().positive().default(20_000),
  months: z.coerce.number().int().positive().default(12),
  seed: z.coerce.number().int().default(42),
  'end-date': z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2026-10-31'),
  out: z.string().min(1).optional(),
  pg: z.string().url().optional(),
  schema: z.string().regex(/^[a-z_][a-z0-9_]{0,47}$/).default('demo_source'),
});

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function progressPrinter(label: string): (p: DemoSourceProgress) => void {
  let lastPct = -1;
  return (p) => {
    const pct = Math.floor((100 * p.customersDone) / p.customersTotal);
    if (pct >= lastPct + 5 || p.customersDone === p.customersTotal) {
      lastPct = pct;
      process.stderr.write(`\r[demo-source] ${label}: ${pct}% (${fmt(p.customersDone)} customers, ${fmt(p.rowsWritten)} rows)`);
      if (p.customersDone === p.customersTotal) process.stderr.write('\n');
    }
  };
}

function printSummary(s: SourceSummary): void {
  const c = s.counts;
  console.log(`window          ${s.window.start} … ${s.window.end} (${s.options.months} months), seed ${s.options.seed}`);
  console.log(`customers       ${fmt(c.customers)} rows (${fmt(s.options.customers)} distinct)`);
  console.log(`usage_logs      ${fmt(c.usage_logs)} rows`);
  console.log(`billing         ${fmt(c.billing)} rows`);
  console.log(`churn_events    ${fmt(c.churn_events)} rows`);
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
  console.log(
    `monthly churn   ${pct(s.churn.monthlyRate)} (${fmt(s.churn.churners)} / ${fmt(s.churn.monthsAtRisk)} customer-months; band ${pct(MONTHLY_CHURN_RATE_BAND.min)}–${pct(MONTHLY_CHURN_RATE_BAND.max)})`,
  );
  for (const [contract, st] of Object.entries(s.churn.byContract)) console.log(`  ${contract.padEnd(15)} ${pct(st.monthlyRate)}`);
  console.log('dirty data');
  for (const line of summarizeDirtyReport(s.dirty)) console.log(`  ${line}`);
}

async function main(): Promise<void> {
  const parsed = Args.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`[demo-source] --${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const a = parsed.data;
  const opts = { customers: a.customers, months: a.months, seed: a.seed, endDate: a['end-date'] };
  const out = a.out ?? (a.pg ? undefined : '.data/demo-source.sqlite');

  const abort = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\n[demo-source] interrupted, cleaning up…\n');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });

  let summary: SourceSummary | null = null;
  if (out) {
    const r = await writeSqliteSource(out, opts, { signal: abort.signal, onProgress: progressPrinter('sqlite') });
    summary = r.summary;
    console.log(`sqlite          ${r.path} (${(r.bytes / 1e6).toFixed(1)} MB) in ${(r.elapsedMs / 1000).toFixed(1)} s`);
  }
  if (a.pg) {
    const r = await loadSourceIntoPostgres(a.pg, a.schema, opts, { signal: abort.signal, onProgress: progressPrinter('postgres') });
    summary = r.summary;
    console.log(`postgres        schema ${r.schema} in ${(r.elapsedMs / 1000).toFixed(1)} s`);
  }
  if (summary) printSummary(summary);
}

main().catch((err: unknown) => {
  console.error(`[demo-source] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
