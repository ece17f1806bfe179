-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "detail" JSONB;
