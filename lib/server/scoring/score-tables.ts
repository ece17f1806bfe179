/**
 * The per-batch tables of "CustomerScore", which is partitioned by list of "batchId" (migration
 * 20261128043000_customer_score_partitions). A batch's shards COPY into its own table, `CustomerScore_<batchId>`,
 * while it has no index and no foreign key (bulk load at full speed); the finalizer builds its two indexes in one
 * sort each (in parallel, on their own connections) and attaches it as a partition in the transaction that
 * publishes the batch. Until then readers of "CustomerScore" do not see the batch at all; a replaced or failed
 * batch is dropped as a whole table.
 */
import 'server-only';
import pg from 'pg';
import type { Prisma } from '@/lib/server/generated/prisma/client';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';

const BATCH_ID = /^[A-Za-z0-9_-]{1,40}$/;
const PREFIX = 'CustomerScore_';

/** The batch's table name (batch ids are cuids; anything else is refused rather than quoted). */
export function scoreTableName(batchId: string): string {
  if (!BATCH_ID.test(batchId)) throw new RangeError(`batchId: ${JSON.stringify(batchId)} is not a batch id`);
  return PREFIX + batchId;
}

const ident = (batchId: string) => `"${scoreTableName(batchId)}"`;

type Tx = Prisma.TransactionClient;

/** Creates the batch's staging table when missing. Call under the batch's advisory lock (joinBatch). */
export async function ensureScoreTable(tx: Tx, batchId: string): Promise<void> {
  const t = ident(batchId);
  const exists = await tx.$queryRawUnsafe<{ r: string | null }[]>(`SELECT to_regclass($1)::text AS r`, t);
  if (exists[0]?.r) return;
  await tx.$executeRawUnsafe(`CREATE TABLE ${t} (LIKE "CustomerScore" INCLUDING DEFAULTS)`);
  // Lets ATTACH PARTITION skip its validation scan: the constraint already proves every row belongs.
  await tx.$executeRawUnsafe(`ALTER TABLE ${t} ADD CONSTRAINT "${scoreTableName(batchId)}_batch" CHECK ("batchId" = '${batchId}')`);
}

async function onConnection<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Builds the batch table's primary key and probability index, each index on its own connection so PostgreSQL sorts
 * both at once while this process writes the exports. Both match what ATTACH PARTITION pairs with the parent's, so
 * attaching builds nothing.
 */
export async function indexScoreTable(batchId: string): Promise<void> {
  const name = scoreTableName(batchId);
  const build = (sql: string) =>
    onConnection(async (c) => {
      await c.query(`SET maintenance_work_mem TO '256MB'`);
      // one process per build: the two builds already run side by side, next to the exports still being written
      // (parallel workers would take the cores those need: bench:batch's exports ~0.4 s later with them)
      await c.query(`SET max_parallel_maintenance_workers TO 0`);
      await c.query(sql);
    });
  await Promise.all([
    build(`CREATE UNIQUE INDEX IF NOT EXISTS "${name}_pkey" ON "${name}" ("customerId", "batchId")`),
    build(`CREATE INDEX IF NOT EXISTS "${name}_probability_idx" ON "${name}" ("probability")`),
  ]);
  // The parent's primary key pairs only with a primary-key constraint: a plain unique index would make ATTACH
  // PARTITION build a second one inside the publishing transaction. USING INDEX turns ours into it at no cost.
  await onConnection((c) =>
    c.query(
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '"${name}"'::regclass AND contype = 'p') THEN
           ALTER TABLE "${name}" ADD CONSTRAINT "${name}_pkey" PRIMARY KEY USING INDEX "${name}_pkey";
         END IF;
       END $$`,
    ),
  );
}

/** Attaches the (indexed) batch table as the partition for its batch id. Inside the publishing transaction. */
export async function attachScoreTable(tx: Tx, batchId: string): Promise<void> {
  await tx.$executeRawUnsafe(`ALTER TABLE "CustomerScore" ATTACH PARTITION ${ident(batchId)} FOR VALUES IN ('${batchId}')`);
}

/** Drops the batch's table, attached or not (its scores go with it). */
export async function dropScoreTable(tx: Tx, batchId: string): Promise<void> {
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS ${ident(batchId)}`);
}

/**
 * Drops batch tables whose batch no longer exists (a project deleted with its batches leaves their tables empty
 * behind: the cascade deletes rows, not partitions). Best effort; returns how many went.
 */
export async function dropOrphanScoreTables(): Promise<number> {
  const orphans = await db().$queryRawUnsafe<{ relname: string }[]>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'CustomerScore\\_%'
        AND NOT EXISTS (SELECT 1 FROM "ScoreBatch" b WHERE '${PREFIX}' || b.id = c.relname)`,
  );
  let dropped = 0;
  for (const { relname } of orphans) {
    const id = relname.slice(PREFIX.length);
    if (!BATCH_ID.test(id)) continue;
    await db().$transaction((tx) => dropScoreTable(tx, id));
    dropped++;
  }
  return dropped;
}
