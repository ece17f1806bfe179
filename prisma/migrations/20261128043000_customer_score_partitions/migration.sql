-- CustomerScore becomes a table partitioned by list of "batchId": each scoring batch is loaded into its own
-- table without indexes (COPY at full speed), indexed in one sort, then attached as a partition, and a replaced
-- batch is dropped as a whole table instead of deleting a million rows. Existing rows move to one partition per
-- batch. The primary key, the (batchId, probability) index and the foreign key keep their names, so the Prisma
-- schema is unchanged. The two text keys use the "C" collation (byte order): index builds and lookups of
-- opaque ids need no linguistic ordering, and PostgreSQL sorts C-collated text several times faster.
ALTER TABLE "CustomerScore" RENAME TO "CustomerScore_unpartitioned";
ALTER TABLE "CustomerScore_unpartitioned" RENAME CONSTRAINT "CustomerScore_pkey" TO "CustomerScore_unpartitioned_pkey";
ALTER INDEX "CustomerScore_batchId_probability_idx" RENAME TO "CustomerScore_unpartitioned_probability_idx";
ALTER TABLE "CustomerScore_unpartitioned" DROP CONSTRAINT "CustomerScore_batchId_fkey";

CREATE TABLE "CustomerScore" (
    "batchId" TEXT COLLATE "C" NOT NULL,
    "customerId" TEXT COLLATE "C" NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "decile" INTEGER NOT NULL,
    "label" INTEGER NOT NULL,
    "reasons" JSONB,
    "shard" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CustomerScore_pkey" PRIMARY KEY ("batchId","customerId")
) PARTITION BY LIST ("batchId");

CREATE INDEX "CustomerScore_batchId_probability_idx" ON "CustomerScore"("batchId", "probability");

ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ScoreBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

DO $$
DECLARE b text;
BEGIN
  FOR b IN SELECT DISTINCT "batchId" FROM "CustomerScore_unpartitioned" LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "CustomerScore" FOR VALUES IN (%L)', 'CustomerScore_' || b, b);
  END LOOP;
END $$;

INSERT INTO "CustomerScore" ("batchId", "customerId", "probability", "decile", "label", "reasons", "shard")
SELECT "batchId", "customerId", "probability", "decile", "label", "reasons", "shard" FROM "CustomerScore_unpartitioned";

DROP TABLE "CustomerScore_unpartitioned";
