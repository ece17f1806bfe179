/**
 * The versioned JSON artifact of a gbdt model (`format: 'churnlab.gbdt'`, `version: 1`) and its
 * validation. Node arrays are flat, all trees back to back; +Infinity thresholds are written as null.
 */
import type { HistGradientBoostingParams } from './params';

export const GBDT_FORMAT = 'churnlab.gbdt';
export const GBDT_VERSION = 1;

/** Versioned JSON artifact. */
export interface GbdtModelJSON {
  format: typeof GBDT_FORMAT;
  version: typeof GBDT_VERSION;
  featureNames: string[];
  baseline: number;
  nIter: number;
  params: Partial<HistGradientBoostingParams>;
  treeOffsets: number[];
  nodes: {
    feature: number[];
    /** null encodes +Infinity (split that separates NaN from all values). */
    threshold: (number | null)[];
    missingGoLeft: number[];
    left: number[];
    right: number[];
    value: number[];
    count: number[];
    gain: number[];
  };
  binThresholds?: number[][];
  history?: { trainLoss: number[]; validationLoss: number[] };
}

export interface GbdtModelInit {
  featureNames: string[];
  baseline: number;
  nIter: number;
  params: Partial<HistGradientBoostingParams>;
  treeOffsets: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  missingGoLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  count: Float64Array;
  gain: Float64Array;
  binThresholds?: number[][];
  history?: { trainLoss: number[]; validationLoss: number[] };
}

function bad(what: string): never {
  throw new TypeError(`invalid churnlab.gbdt artifact: ${what}`);
}

function numArray(o: Record<string, unknown>, key: string, path: string, allowNull = false): number[] {
  const v = o[key];
  if (!Array.isArray(v)) bad(`${path}${key} must be an array`);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === null && allowNull) continue;
    if (typeof x !== 'number' || !Number.isFinite(x)) bad(`${path}${key}[${i}] must be a finite number`);
  }
  return v as number[];
}

/** Validate a parsed artifact and return the model's constructor input. Throws TypeError naming the bad field. */
export function parseGbdtArtifact(obj: unknown): GbdtModelInit {
  if (obj === null || typeof obj !== 'object') bad('not an object');
  const o = obj as Record<string, unknown>;
  if (o.format !== GBDT_FORMAT) bad(`format must be '${GBDT_FORMAT}', got ${JSON.stringify(o.format)}`);
  if (o.version !== GBDT_VERSION) bad(`version must be ${GBDT_VERSION}, got ${JSON.stringify(o.version)}`);
  if (!Array.isArray(o.featureNames) || o.featureNames.some((s) => typeof s !== 'string')) bad('featureNames must be an array of strings');
  const featureNames = o.featureNames as string[];
  if (typeof o.baseline !== 'number' || !Number.isFinite(o.baseline)) bad('baseline must be a finite number');
  if (typeof o.nIter !== 'number' || !Number.isInteger(o.nIter) || o.nIter < 0) bad('nIter must be an integer ≥ 0');
  if (o.params === null || typeof o.params !== 'object') bad('params must be an object');
  const offsets = numArray(o, 'treeOffsets', '');
  if (offsets.length < 1 || offsets[0] !== 0) bad('treeOffsets must start with 0');
  if (o.nodes === null || typeof o.nodes !== 'object') bad('nodes must be an object');
  const nodes = o.nodes as Record<string, unknown>;
  const feature = numArray(nodes, 'feature', 'nodes.');
  const threshold = numArray(nodes, 'threshold', 'nodes.', true);
  const mgl = numArray(nodes, 'missingGoLeft', 'nodes.');
  const left = numArray(nodes, 'left', 'nodes.');
  const right = numArray(nodes, 'right', 'nodes.');
  const value = numArray(nodes, 'value', 'nodes.');
  const count = numArray(nodes, 'count', 'nodes.');
  const gain = numArray(nodes, 'gain', 'nodes.');
  const nNodes = feature.length;
  for (const [k, a] of [['threshold', threshold], ['missingGoLeft', mgl], ['left', left], ['right', right], ['value', value], ['count', count], ['gain', gain]] as const) {
    if (a.length !== nNodes) bad(`nodes.${k} has length ${a.length}, expected ${nNodes}`);
  }
  if (offsets[offsets.length - 1] !== nNodes) bad(`treeOffsets must end with the node count ${nNodes}`);
  if (offsets.length - 1 !== o.nIter) bad(`nIter (${o.nIter}) must equal the number of trees (${offsets.length - 1})`);
  const nf = featureNames.length;
  for (let t = 0; t + 1 < offsets.length; t++) {
    const a = offsets[t];
    const b = offsets[t + 1];
    if (!Number.isInteger(a) || b <= a) bad(`treeOffsets[${t + 1}] must be > treeOffsets[${t}] (every tree has a root)`);
    for (let n = a; n < b; n++) {
      const f = feature[n];
      if (!Number.isInteger(f) || f < -1 || f >= nf) bad(`nodes.feature[${n}] must be -1 or a feature index < ${nf}`);
      if (mgl[n] !== 0 && mgl[n] !== 1) bad(`nodes.missingGoLeft[${n}] must be 0 or 1`);
      if (f >= 0) {
        for (const [k, c] of [['left', left[n]], ['right', right[n]]] as const) {
          if (!Number.isInteger(c) || c <= n || c >= b) bad(`nodes.${k}[${n}] must point to a later node of the same tree`);
        }
        if (threshold[n] === null && mgl[n] !== 0) bad(`nodes.threshold[${n}] is +inf but missing values go left`);
      } else if (left[n] !== -1 || right[n] !== -1) bad(`nodes.left/right[${n}] of a leaf must be -1`);
    }
  }
  let binThresholds: number[][] | undefined;
  if (o.binThresholds !== undefined) {
    if (!Array.isArray(o.binThresholds) || o.binThresholds.length !== nf) bad('binThresholds must be an array with one entry per feature');
    binThresholds = (o.binThresholds as unknown[]).map((t, i) => numArray({ t }, 't', `binThresholds[${i}].`));
  }
  let history: GbdtModelInit['history'];
  if (o.history !== undefined) {
    const h = o.history as Record<string, unknown>;
    if (h === null || typeof h !== 'object') bad('history must be an object');
    history = { trainLoss: numArray(h, 'trainLoss', 'history.'), validationLoss: numArray(h, 'validationLoss', 'history.') };
  }
  return {
    featureNames,
    baseline: o.baseline as number,
    nIter: o.nIter as number,
    params: { ...(o.params as object) },
    treeOffsets: Int32Array.from(offsets),
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold, (v) => (v === null ? Infinity : v)),
    missingGoLeft: Uint8Array.from(mgl),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    count: Float64Array.from(count),
    gain: Float64Array.from(gain),
    binThresholds,
    history,
  };
}

