-- Every partition of "CustomerScore" holds one batch, so "batchId" in front of its keys only makes their index
-- builds slow: all rows tie on it, and PostgreSQL's abbreviated keys (the fast path of a text sort) work on the
-- first column only. The primary key becomes ("customerId", "batchId") (a partitioned table's unique key must
-- contain the partition key) and the probability index drops "batchId": queries of one batch reach its partition
-- by partition pruning, then these indexes. Building both for a million rows: ~4.5 s -> ~2 s.
ALTER TABLE "CustomerScore" DROP CONSTRAINT "CustomerScore_pkey";
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_pkey" PRIMARY KEY ("customerId", "batchId");
DROP INDEX "CustomerScore_batchId_probability_idx";
CREATE INDEX "CustomerScore_probability_idx" ON "CustomerScore"("probability");
