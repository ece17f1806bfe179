import { emptyDirtyReport, type DirtyReport } from './dirty-report';
import { simulateCustomer, type ChurnTally, type SourceChunk } from './simulate-customer';
import { resolveSourceOptions, type SourceOptions, type SourceOptionsInput } from './source-options';
import { CONTRACT_TYPES, type BillingRow, type ChurnRow, type ContractType, type CustomerRow, type UsageRow } from './source-schema';
import { buildSourceWindow } from './source-window';

/** Bumped whenever the same options would produce different rows. */
export const SOURCE_GENERATOR_VERSION = 1;
export const SOURCE_FORMAT = 'churnlab.demo-source';

/** Default number of customers simulated per chunk (≈ 365k usage rows at 12 months). */
export const DEFAULT_CHUNK_CUSTOMERS = 1000;

export interface ChurnRateStat {
  churners: number;
  /** Customer-months in which the customer was active at month start and past its signup month. */
  monthsAtRisk: number;
  /** churners / monthsAtRisk. */
  monthlyRate: number;
}

export interface SourceSummary {
  format: typeof SOURCE_FORMAT;
  generatorVersion: number;
  options: SourceOptions;
  /** Window bounds, ISO dates, inclusive. */
  window: { start: string; end: string };
  /** Rows per table as emitted (customers includes duplicate rows). */
  counts: { customers: number; usage_logs: number; billing: number; churn_events: number };
  churn: ChurnRateStat & { byContract: Record<ContractType, ChurnRateStat> };
  dirty: DirtyReport;
}

/** Receives rows chunk by chunk; arrays are fresh per chunk and may be kept or discarded. */
export interface SourceSink {
  customers(rows: CustomerRow[]): void;
  usage(rows: UsageRow[]): void;
  billing(rows: BillingRow[]): void;
  churn(rows: ChurnRow[]): void;
}

export interface SourceGenerator {
  readonly options: SourceOptions;
  /** Yields one chunk per `chunkCustomers` customers; iterate once. Memory is bounded by one chunk. */
  chunks(): Generator<SourceChunk, void, void>;
  /** Totals, churn rates and the dirty report; complete once `chunks()` has been exhausted. */
  summary(): SourceSummary;
}

function rateStat(churners: number, monthsAtRisk: number): ChurnRateStat {
  return { churners, monthsAtRisk, monthlyRate: monthsAtRisk > 0 ? churners / monthsAtRisk : 0 };
}

/** A streaming generator for the demo source; see `SourceOptions` for the inputs. */
export function createSourceGenerator(input: SourceOptionsInput = {}, chunkCustomers = DEFAULT_CHUNK_CUSTOMERS): SourceGenerator {
  if (!Number.isInteger(chunkCustomers) || chunkCustomers < 1) {
    throw new RangeError(`chunkCustomers must be a positive integer, got ${chunkCustomers}`);
  }
  const options = resolveSourceOptions(input);
  const win = buildSourceWindow(options.endDate, options.months);
  const dirty = emptyDirtyReport();
  const tally: ChurnTally = { churners: new Float64Array(3), monthsAtRisk: new Float64Array(3) };
  const counts = { customers: 0, usage_logs: 0, billing: 0, churn_events: 0 };
  let started = false;
  let done = false;

  function* chunks(): Generator<SourceChunk, void, void> {
    if (started) throw new Error('createSourceGenerator: chunks() can be iterated only once');
    started = true;
    for (let first = 0; first < options.customers; first += chunkCustomers) {
      const last = Math.min(options.customers, first + chunkCustomers);
      const chunk: SourceChunk = { customers: [], usage: [], billing: [], churn: [] };
      for (let i = first; i < last; i++) simulateCustomer(options, win, i, chunk, tally, dirty);
      counts.customers += chunk.customers.length;
      counts.usage_logs += chunk.usage.length;
      counts.billing += chunk.billing.length;
      counts.churn_events += chunk.churn.length;
      yield chunk;
    }
    done = true;
  }

  function summary(): SourceSummary {
    if (!done) throw new Error('createSourceGenerator: summary() is available after chunks() is exhausted');
    let churners = 0;
    let atRisk = 0;
    const byContract = {} as Record<ContractType, ChurnRateStat>;
    CONTRACT_TYPES.forEach((c, k) => {
      churners += tally.churners[k];
      atRisk += tally.monthsAtRisk[k];
      byContract[c] = rateStat(tally.churners[k], tally.monthsAtRisk[k]);
    });
    return {
      format: SOURCE_FORMAT,
      generatorVersion: SOURCE_GENERATOR_VERSION,
      options,
      window: { start: win.dateStrings[0], end: win.dateStrings[win.dateStrings.length - 1] },
      counts: { ...counts },
      churn: { ...rateStat(churners, atRisk), byContract },
      dirty,
    };
  }

  return { options, chunks, summary };
}

/** Generates the whole source into `sink`, chunk by chunk, and returns the summary. */
export function generateSource(input: SourceOptionsInput, sink: SourceSink, chunkCustomers = DEFAULT_CHUNK_CUSTOMERS): SourceSummary {
  const gen = createSourceGenerator(input, chunkCustomers);
  for (const chunk of gen.chunks()) {
    sink.customers(chunk.customers);
    sink.usage(chunk.usage);
    sink.billing(chunk.billing);
    sink.churn(chunk.churn);
  }
  return gen.summary();
}

/** Whole source in memory — for small sizes (tests, in-browser previews); use the streaming API otherwise. */
export function generateSourceInMemory(input: SourceOptionsInput = {}): SourceChunk & { summary: SourceSummary } {
  const all: SourceChunk = { customers: [], usage: [], billing: [], churn: [] };
  const gen = createSourceGenerator(input);
  for (const chunk of gen.chunks()) {
    for (const r of chunk.customers) all.customers.push(r);
    for (const r of chunk.usage) all.usage.push(r);
    for (const r of chunk.billing) all.billing.push(r);
    for (const r of chunk.churn) all.churn.push(r);
  }
  return { ...all, summary: gen.summary() };
}
