-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "ExpectationSuite" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "suite" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExpectationSuite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValidationRun" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "suiteId" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "evaluated" INTEGER NOT NULL,
    "failedErrors" INTEGER NOT NULL,
    "failedWarnings" INTEGER NOT NULL,
    "report" JSONB NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ValidationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ValidationOverride" (
    "id" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "validationRunId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ValidationOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeatureSpecVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeatureSpecVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "jobId" TEXT,
    "snapshotId" TEXT NOT NULL,
    "featureSpecId" TEXT,
    "name" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'succeeded',
    "params" JSONB NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "curves" JSONB NOT NULL DEFAULT '{}',
    "importance" JSONB NOT NULL DEFAULT '{}',
    "lineage" JSONB NOT NULL DEFAULT '{}',
    "artifactHash" TEXT,
    "transformHash" TEXT,
    "trainRows" INTEGER NOT NULL DEFAULT 0,
    "testRows" INTEGER NOT NULL DEFAULT 0,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "workerId" TEXT,
    "log" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ExpectationSuite_projectId_createdAt_idx" ON "ExpectationSuite"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ExpectationSuite_projectId_name_version_key" ON "ExpectationSuite"("projectId", "name", "version");

-- CreateIndex
CREATE INDEX "ValidationRun_snapshotId_createdAt_idx" ON "ValidationRun"("snapshotId", "createdAt");

-- CreateIndex
CREATE INDEX "ValidationRun_suiteId_createdAt_idx" ON "ValidationRun"("suiteId", "createdAt");

-- CreateIndex
CREATE INDEX "ValidationOverride_snapshotId_createdAt_idx" ON "ValidationOverride"("snapshotId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeatureSpecVersion_projectId_version_key" ON "FeatureSpecVersion"("projectId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Run_jobId_key" ON "Run"("jobId");

-- CreateIndex
CREATE INDEX "Run_projectId_createdAt_idx" ON "Run"("projectId", "createdAt");

-- AddForeignKey
ALTER TABLE "ExpectationSuite" ADD CONSTRAINT "ExpectationSuite_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidationRun" ADD CONSTRAINT "ValidationRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidationRun" ADD CONSTRAINT "ValidationRun_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidationRun" ADD CONSTRAINT "ValidationRun_suiteId_fkey" FOREIGN KEY ("suiteId") REFERENCES "ExpectationSuite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ValidationOverride" ADD CONSTRAINT "ValidationOverride_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeatureSpecVersion" ADD CONSTRAINT "FeatureSpecVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_featureSpecId_fkey" FOREIGN KEY ("featureSpecId") REFERENCES "FeatureSpecVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
