/** A model version ready to score: its Scorer and input validator, built from the version's artifacts. */
import type { InputFieldDTO } from '@/lib/api/dto';
import { compileValidator, type RecordValidator } from '@/lib/serving/input-schema';
import { Scorer, type ScorerInit } from '@/lib/serving/scorer';

export interface ServedModel {
  modelName: string;
  version: number;
  versionId: string;
  threshold: number;
  inputSchema: InputFieldDTO[];
  scorer: Scorer;
  validator: RecordValidator;
  loadedAt: Date;
  /** what the scorer was built from (a scoring thread builds its own copy from it) */
  init: ScorerInit;
}

/** Builds the scorer and validator of a version (on the event loop and in each scoring thread alike). */
export function servedModel(meta: { modelName: string; version: number; versionId: string }, init: ScorerInit): ServedModel {
  const inputSchema = init.inputSchema as InputFieldDTO[];
  return { ...meta, threshold: init.threshold, inputSchema, scorer: new Scorer(init), validator: compileValidator(inputSchema), loadedAt: new Date(), init };
}
