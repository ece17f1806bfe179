-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "settings" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "ScoreBatch" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "modelVersion" INTEGER NOT NULL,
    "batchDate" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "shards" INTEGER NOT NULL DEFAULT 1,
    "shardsDone" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "stats" JSONB NOT NULL DEFAULT '{}',
    "parquetHash" TEXT,
    "csvHash" TEXT,
    "error" TEXT,
    "jobId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ScoreBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerScore" (
    "batchId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "probability" DOUBLE PRECISION NOT NULL,
    "decile" INTEGER NOT NULL,
    "label" INTEGER NOT NULL,
    "reasons" JSONB,
    "shard" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CustomerScore_pkey" PRIMARY KEY ("batchId","customerId")
);

-- CreateTable
CREATE TABLE "PipelineRun" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "failedStage" TEXT,
    "error" TEXT,
    "stages" JSONB NOT NULL DEFAULT '[]',
    "result" JSONB NOT NULL DEFAULT '{}',
    "jobId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PipelineRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastRunAt" TIMESTAMP(3),
    "lastJobId" TEXT,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScoreBatch_projectId_batchDate_idx" ON "ScoreBatch"("projectId", "batchDate");

-- CreateIndex
CREATE INDEX "ScoreBatch_projectId_createdAt_idx" ON "ScoreBatch"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "CustomerScore_batchId_probability_idx" ON "CustomerScore"("batchId", "probability");

-- CreateIndex
CREATE INDEX "PipelineRun_projectId_createdAt_idx" ON "PipelineRun"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_projectId_kind_key" ON "Schedule"("projectId", "kind");

-- AddForeignKey
ALTER TABLE "ScoreBatch" ADD CONSTRAINT "ScoreBatch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ScoreBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PipelineRun" ADD CONSTRAINT "PipelineRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
