/**
 * Batch scoring (issue H). Types only: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
 */
import type { ReasonDTO } from '@/lib/api/dto/registry';

export interface ScoreBatchDTO {
  id: string;
  projectId: string;
  modelName: string;
  modelVersion: number;
  batchDate: string;
  snapshotId: string;
  /** running | succeeded | failed | replaced */
  status: string;
  shards: number;
  shardsDone: number[];
  rowCount: number;
  /** customers, positives, positiveRate, meanProbability, explained, deciles[], histogram{bins,counts}, scoredAt */
  stats: Record<string, unknown>;
  hasExports: boolean;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface CustomerScoreDTO {
  customerId: string;
  probability: number;
  decile: number;
  label: number;
  reasons: ReasonDTO[] | null;
}
