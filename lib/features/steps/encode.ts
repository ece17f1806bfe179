import type { Column, Frame } from '../columns';
import type { FittedOneHot, FittedOrdinal, FittedTarget } from '../fitted';
import type { EncodeStep, OneHotStep, OrdinalStep, TargetEncodeStep } from '../spec';
import { cmpStr, countLevels, dictTable, FeatureFitError, levelsOf, resolveColumns, type FitContext, type StepRunner } from './context';

export const OTHER_LEVEL = '__other__';
export const MISSING_LEVEL = '__missing__';

export function fitEncode(step: EncodeStep, frame: Frame, ctx: FitContext): FittedOneHot | FittedOrdinal | FittedTarget {
  const names = resolveColumns(step.columns, frame, ctx.path, ctx.targetName);
  if (step.method === 'one_hot') return fitOneHot(step, names, frame, ctx);
  if (step.method === 'ordinal') return fitOrdinal(step, names, frame);
  return fitTarget(step, names, frame, ctx);
}

/**
 * One-hot: one column per kept level (`<col>=<level>`, levels in code-unit order). With `max_levels` the most
 * frequent `max_levels - 1` levels are kept (ties → smaller level) and the rest of the training levels share
 * `<col>=__other__`. A level never seen in training encodes as all zeros; a missing value as all zeros, or
 * `<col>=__missing__` = 1 with `missing_level`.
 */
function fitOneHot(step: OneHotStep, names: string[], frame: Frame, ctx: FitContext): FittedOneHot {
  const taken = new Set(frame.order);
  const columns = names.map((name) => {
    const counts = [...countLevels(levelsOf(frame.get(name)!))];
    let levels = counts.map(([l]) => l);
    let rare: string[] = [];
    const max = step.max_levels;
    if (max !== undefined && counts.length > max) {
      counts.sort((a, b) => b[1] - a[1] || cmpStr(a[0], b[0]));
      levels = counts.slice(0, max - 1).map(([l]) => l);
      rare = counts.slice(max - 1).map(([l]) => l).sort(cmpStr);
    }
    levels.sort(cmpStr);
    const other = rare.length > 0;
    const missing = step.missing_level ?? false;
    const outputs = levels.map((l) => `${name}=${l}`);
    if (other) outputs.push(`${name}=${OTHER_LEVEL}`);
    if (missing) outputs.push(`${name}=${MISSING_LEVEL}`);
    taken.delete(name);
    for (const o of outputs) {
      if (taken.has(o)) throw new FeatureFitError(ctx.path, `one-hot column "${o}" already exists`);
      taken.add(o);
    }
    return { name, levels, rare, other, missing, outputs };
  });
  return { type: 'encode', method: 'one_hot', columns };
}

/** Ordinal: the level's index in `levels` (given, else training levels in code-unit order); unseen → -1, missing → NaN. */
function fitOrdinal(step: OrdinalStep, names: string[], frame: Frame): FittedOrdinal {
  const given = new Map((step.levels ?? []).map((l) => [l.column, l.levels]));
  const columns = names.map((name) => ({
    name,
    levels: given.get(name) ?? [...countLevels(levelsOf(frame.get(name)!)).keys()].sort(cmpStr),
  }));
  return { type: 'encode', method: 'ordinal', columns };
}

/**
 * Target (mean) encoding with smoothing m: enc(level) = (Σy + m·prior) / (count + m), prior = training mean of y.
 * Missing values form their own group; an unseen level (or a group with no rows) encodes as the prior.
 * Rows whose target is missing are ignored. Fitted on the training rows only.
 */
function fitTarget(step: TargetEncodeStep, names: string[], frame: Frame, ctx: FitContext): FittedTarget {
  if (ctx.targetName === null) throw new FeatureFitError(`${ctx.path}.method`, 'target encoding needs a target column');
  const y = ctx.target();
  const m = step.smoothing ?? 10;
  let sy = 0;
  let ny = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === y[i]) {
      sy += y[i];
      ny++;
    }
  }
  const prior = ny === 0 ? 0 : sy / ny;
  const columns = names.map((name) => {
    const lv = levelsOf(frame.get(name)!);
    const ds = new Float64Array(lv.dict.length);
    const dc = new Float64Array(lv.dict.length);
    let msum = 0;
    let mcount = 0;
    for (let i = 0; i < lv.codes.length; i++) {
      if (y[i] !== y[i]) continue;
      const k = lv.codes[i];
      if (k < 0) {
        msum += y[i];
        mcount++;
      } else {
        ds[k] += y[i];
        dc[k]++;
      }
    }
    const sums = new Map<string, [number, number]>();
    lv.dict.forEach((l, k) => {
      if (dc[k] === 0) return;
      const s = sums.get(l);
      if (s === undefined) sums.set(l, [ds[k], dc[k]]);
      else {
        s[0] += ds[k];
        s[1] += dc[k];
      }
    });
    const levels = [...sums.keys()].sort(cmpStr);
    const enc = (s: number, c: number): number => (c + m === 0 ? prior : (s + m * prior) / (c + m));
    return {
      name,
      levels,
      values: levels.map((l) => enc(sums.get(l)![0], sums.get(l)![1])),
      missing: mcount === 0 ? prior : enc(msum, mcount),
    };
  });
  return { type: 'encode', method: 'target', prior, smoothing: m, columns };
}

export function compileEncode(f: FittedOneHot | FittedOrdinal | FittedTarget): StepRunner {
  if (f.method === 'one_hot') {
    const plans = f.columns.map((c) => {
      const index = new Map<string, number>();
      c.levels.forEach((l, k) => index.set(l, k));
      if (c.other) for (const l of c.rare) index.set(l, c.levels.length);
      return { c, index, missingAt: c.missing ? c.outputs.length - 1 : -1 };
    });
    return (frame) => {
      const n = frame.n;
      for (const { c, index, missingAt } of plans) {
        const col = frame.get(c.name)!;
        const lv = levelsOf(col);
        const lut = dictTable(lv.dict, (l) => index.get(l) ?? -1);
        // One allocation for the whole block: many large buffers make V8 run full GCs.
        const block = new Float64Array(n * c.outputs.length);
        const outs: Float64Array[] = [];
        for (let k = 0; k < c.outputs.length; k++) outs.push(block.subarray(k * n, (k + 1) * n));
        const codes = lv.codes;
        for (let i = 0; i < n; i++) {
          const code = codes[i];
          const k = code < 0 ? missingAt : lut[code];
          if (k >= 0) outs[k][i] = 1;
        }
        const cols: [string, Column][] = [];
        for (let k = 0; k < outs.length; k++) cols.push([c.outputs[k], { kind: 'numeric', values: outs[k], role: 'encoded', sources: col.sources }]);
        frame.replace(c.name, cols);
      }
    };
  }
  const plans = f.columns.map((c) => {
    const index = new Map<string, number>();
    if (f.method === 'ordinal') c.levels.forEach((l, k) => index.set(l, k));
    else c.levels.forEach((l, k) => index.set(l, (c as FittedTarget['columns'][number]).values[k]));
    return { c, index };
  });
  const unseen = f.method === 'ordinal' ? -1 : f.prior;
  return (frame) => {
    const n = frame.n;
    for (const { c, index } of plans) {
      const col = frame.get(c.name)!;
      const lv = levelsOf(col);
      const out = new Float64Array(n);
      const miss = f.method === 'ordinal' ? NaN : (c as FittedTarget['columns'][number]).missing;
      const lut = dictTable(lv.dict, (l) => index.get(l) ?? unseen);
      const codes = lv.codes;
      for (let i = 0; i < n; i++) {
        const code = codes[i];
        out[i] = code < 0 ? miss : lut[code];
      }
      frame.set(c.name, { kind: 'numeric', values: out, role: 'encoded', sources: col.sources });
    }
  };
}
