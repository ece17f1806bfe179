// Node-only: the key/value rows written to `source_meta` next to the generated tables.
import { SOURCE_FORMAT, SOURCE_GENERATOR_VERSION, type SourceSummary } from '@/lib/data/synthetic/generate-source';

/** [key, JSON value] pairs: format, generator_version, seed, options, window, counts, churn, dirty_report. */
export function sourceMetaEntries(summary: SourceSummary): [string, string][] {
  return [
    ['format', JSON.stringify(SOURCE_FORMAT)],
    ['generator_version', JSON.stringify(SOURCE_GENERATOR_VERSION)],
    ['seed', JSON.stringify(summary.options.seed)],
    ['options', JSON.stringify(summary.options)],
    ['window', JSON.stringify(summary.window)],
    ['counts', JSON.stringify(summary.counts)],
    ['churn', JSON.stringify(summary.churn)],
    ['dirty_report', JSON.stringify(summary.dirty)],
  ];
}
