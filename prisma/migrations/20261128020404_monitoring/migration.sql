-- CreateTable
CREATE TABLE "RequestMetric" (
    "id" BIGSERIAL NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "route" TEXT NOT NULL,
    "modelName" TEXT NOT NULL DEFAULT '',
    "modelVersion" INTEGER NOT NULL DEFAULT 0,
    "statusClass" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "latencyHist" INTEGER[],
    "latencySumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "probHist" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "instance" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "RequestMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftReport" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "modelName" TEXT NOT NULL,
    "modelVersion" INTEGER NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "features" JSONB NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DriftReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "params" JSONB NOT NULL DEFAULT '{}',
    "webhookUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "ruleId" TEXT,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "silencedUntil" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "delivery" TEXT NOT NULL DEFAULT 'none',
    "deliveryTries" INTEGER NOT NULL DEFAULT 0,
    "nextDeliveryAt" TIMESTAMP(3),
    "lastDeliveryError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestMetric_minute_idx" ON "RequestMetric"("minute");

-- CreateIndex
CREATE INDEX "RequestMetric_route_minute_idx" ON "RequestMetric"("route", "minute");

-- CreateIndex
CREATE INDEX "DriftReport_projectId_createdAt_idx" ON "DriftReport"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertRule_projectId_idx" ON "AlertRule"("projectId");

-- CreateIndex
CREATE INDEX "Alert_projectId_status_createdAt_idx" ON "Alert"("projectId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_dedupeKey_status_idx" ON "Alert"("dedupeKey", "status");

-- CreateIndex
CREATE INDEX "Alert_delivery_nextDeliveryAt_idx" ON "Alert"("delivery", "nextDeliveryAt");

-- AddForeignKey
ALTER TABLE "DriftReport" ADD CONSTRAINT "DriftReport_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRule" ADD CONSTRAINT "AlertRule_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
