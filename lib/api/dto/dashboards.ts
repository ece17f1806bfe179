/**
 * Dashboards (issue J). Types only: the JSON shapes of the HTTP API.
 * Imported through lib/api/dto.ts.
 */
import type { InputFieldDTO, ReasonDTO } from '@/lib/api/dto/registry';

/** What a dashboard is computed from: the project's latest succeeded batch and the columns read. */
export interface DashboardContextDTO {
  project: { slug: string; name: string };
  batch: { id: string; batchDate: string; modelName: string; modelVersion: number; threshold: number; finishedAt: string | null };
  /** monthly value column (detected or chosen), null when none */
  valueColumn: string | null;
  valueChoices: string[];
  horizonMonths: number;
  segmentColumns: { name: string; role: string; mode: 'categorical' | 'binned' }[];
}

export interface DashboardTrendPointDTO {
  batchId: string;
  batchDate: string;
  modelVersion: number;
  customers: number;
  highRiskShare: number;
  /** null when the batch's data has no value column */
  revenueAtRisk: number | null;
}

export interface DashboardOverviewDTO extends DashboardContextDTO {
  customers: number;
  highRisk: number;
  highRiskShare: number;
  meanProbability: number;
  revenueAtRisk: number | null;
  revenueTotal: number | null;
  histogram: { lo: number; hi: number; count: number }[];
  trend: DashboardTrendPointDTO[];
}

export interface DashboardSegmentDTO {
  column: string;
  role: string;
  rows: { segment: string; customers: number; meanProbability: number; highRisk: number; highRiskShare: number; revenueAtRisk: number }[];
}

export interface DashboardCustomerRowDTO {
  customerId: string;
  probability: number;
  decile: number;
  label: number;
  value: number | null;
  /** segment label per segment column */
  segments: Record<string, string>;
  reasons: string[];
}

export interface DashboardCustomersDTO {
  total: number;
  offset: number;
  limit: number;
  rows: DashboardCustomerRowDTO[];
}

export interface DashboardCustomerDetailDTO {
  customerId: string;
  current: DashboardCustomerRowDTO;
  reasons: ReasonDTO[] | null;
  history: { batchId: string; batchDate: string; modelVersion: number; probability: number; decile: number }[];
  /** the raw record (input-schema fields) the model scored */
  record: Record<string, string | number | null>;
  /** what the browser needs to rebuild the Scorer on the same artifacts the API serves */
  scorer: { runId: string; threshold: number; inputSchema: InputFieldDTO[]; reference: number[] };
}

export interface DashboardTargetingDTO {
  params: { costPerContact: number; valueRetained: number; successRate: number };
  threshold: number | null;
  expectedProfit: number;
  contacted: number;
  customers: number;
  curve: { threshold: number; contacted: number; profit: number }[];
  targets: { customerId: string; probability: number; value: number | null; expectedProfit: number }[];
  /** targets beyond this many are only in the CSV */
  shown: number;
}
