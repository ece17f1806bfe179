/**
 * Creates the demo source database (its own SQLite file in DATA_DIR, distinct from the app database) on first
 * run. DEMO_SOURCE_CUSTOMERS sets its size (default 20,000 customers × 12 months of daily usage).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEMO_SOURCE_FILE } from '@/lib/server/demo/seed-demo';
import { writeSqliteSource } from '@/lib/server/demo-source/write-sqlite-source';


export async function ensureDemoSource(dataDir: string, log: (m: string) => void): Promise<string> {
  const file = path.join(dataDir, DEMO_SOURCE_FILE);
  if (existsSync(file)) return file;
  const raw = process.env.DEMO_SOURCE_CUSTOMERS ?? '20000';
  const customers = Number(raw);
  if (!Number.isInteger(customers) || customers < 1) throw new RangeError(`DEMO_SOURCE_CUSTOMERS must be a positive whole number, got "${raw}"`);
  log(`generating the demo source (${customers.toLocaleString('en-US')} customers × 12 months of daily usage) into ${path.relative(process.cwd(), file)}…`);
  const res = await writeSqliteSource(file, { customers, seed: 42 });
  const c = res.summary.counts;
  log(`demo source ready in ${(res.elapsedMs / 1000).toFixed(1)} s: ${JSON.stringify(c)}`);
  return file;
}
