-- CreateTable
CREATE TABLE "RealizedPerformance" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "batchId" TEXT NOT NULL,
    "outcomeSnapshotId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "modelVersion" INTEGER NOT NULL,
    "batchDate" TEXT NOT NULL,
    "matched" INTEGER NOT NULL,
    "positives" INTEGER NOT NULL,
    "rocAuc" DOUBLE PRECISION,
    "trainingAuc" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION NOT NULL,
    "precision" DOUBLE PRECISION NOT NULL,
    "recall" DOUBLE PRECISION NOT NULL,
    "f1" DOUBLE PRECISION NOT NULL,
    "calibration" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RealizedPerformance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotebookVersion" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "doc" JSONB NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'autosave',
    "label" TEXT,
    "restoredFrom" INTEGER,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotebookVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RealizedPerformance_projectId_batchDate_idx" ON "RealizedPerformance"("projectId", "batchDate");

-- CreateIndex
CREATE UNIQUE INDEX "RealizedPerformance_batchId_outcomeSnapshotId_key" ON "RealizedPerformance"("batchId", "outcomeSnapshotId");

-- CreateIndex
CREATE INDEX "NotebookVersion_projectId_createdAt_idx" ON "NotebookVersion"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "NotebookVersion_projectId_version_key" ON "NotebookVersion"("projectId", "version");

-- AddForeignKey
ALTER TABLE "RealizedPerformance" ADD CONSTRAINT "RealizedPerformance_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RealizedPerformance" ADD CONSTRAINT "RealizedPerformance_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "ScoreBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotebookVersion" ADD CONSTRAINT "NotebookVersion_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
