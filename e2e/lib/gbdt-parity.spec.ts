/**
 * GBDT predictor parity: a model trained in Node and saved as its JSON artifact must score the same when loaded
 * in Chromium (in-browser scoring) and in a Node worker thread (job runner), all running `e2e/harness/gbdt-score.ts`
 * (the page and the worker get it through the esbuild bundle).
 *
 * Raw margins are only comparisons and additions; probabilities go through `sigmoid`, which uses the deterministic
 * exp of lib/ml/math (V8's Math.exp differs in the last bits between Node 20 and current Chromium). So margins and
 * probabilities must be bit-identical everywhere.
 */
import { expect, test, type Page } from '@playwright/test';
import { Worker } from 'node:worker_threads';
import { fitHistGradientBoosting, GbdtModel } from '@/lib/ml/gbdt';
import { bundleForBrowser } from '../harness/bundle';
import { bitDiff, f64FromBase64, f64ToBase64 } from '../harness/bytes';
import { edgeRows, makeGbdtData } from '../harness/gbdt-data';
import { scoreGbdtArtifact, type GbdtScoreInput, type GbdtScores } from '../harness/gbdt-score';

const ENTRY = `export * from '@/e2e/harness/gbdt-score'; export * from '@/e2e/harness/bytes';`;
const N_TRAIN = 4000;
const N_SCORE = 2000;
const N_SINGLE = 300;
const N_TREES = 60;

type Key = keyof GbdtScores;
const MARGIN_KEYS: Key[] = ['rawBatch', 'rawSingle', 'edgeRaw'];
const ALL_KEYS: Key[] = [...MARGIN_KEYS, 'probaBatch', 'probaSingle', 'expTerm'];

interface Fixture {
  input: GbdtScoreInput;
  node: GbdtScores;
}

let fixture: Fixture | null = null;

/** Trains once per worker process and scores in Node through the same routine the page and worker run. */
function getFixture(): Fixture {
  if (fixture) return fixture;
  const train = makeGbdtData(N_TRAIN, 20240611);
  const trained = fitHistGradientBoosting(
    train.X,
    train.y,
    { max_iter: N_TREES, learning_rate: 0.1, max_leaf_nodes: 31, min_samples_leaf: 20, early_stopping: false, random_state: 7 },
    { featureNames: train.featureNames },
  );
  const artifact = JSON.stringify(trained.toJSON());
  const score = makeGbdtData(N_SCORE, 99, 0.15);
  const edge = edgeRows(GbdtModel.fromJSON(JSON.parse(artifact)), score.X);
  const input: GbdtScoreInput = { artifact, X: score.X, nRows: score.nRows, edgeX: edge.X, nEdge: edge.nRows, nSingle: N_SINGLE };
  fixture = { input, node: scoreGbdtArtifact(input) };
  return fixture;
}

async function scoreInChromium(page: Page, input: GbdtScoreInput): Promise<GbdtScores> {
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: await bundleForBrowser(ENTRY) });
  const encoded = await page.evaluate(
    ({ artifact, xB64, nRows, edgeB64, nEdge, nSingle }) => {
      type Lib = typeof import('../harness/gbdt-score') & typeof import('../harness/bytes');
      const lib = (globalThis as unknown as { ChurnLab: Lib }).ChurnLab;
      const s = lib.scoreGbdtArtifact({ artifact, X: lib.f64FromBase64(xB64), nRows, edgeX: lib.f64FromBase64(edgeB64), nEdge, nSingle });
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(s)) out[k] = lib.f64ToBase64(v);
      return out;
    },
    { artifact: input.artifact, xB64: f64ToBase64(input.X), nRows: input.nRows, edgeB64: f64ToBase64(input.edgeX), nEdge: input.nEdge, nSingle: input.nSingle },
  );
  const out = {} as GbdtScores;
  for (const k of ALL_KEYS) out[k] = f64FromBase64(encoded[k]);
  return out;
}

function expectBitIdentical(label: string, keys: Key[], node: GbdtScores, other: GbdtScores): void {
  for (const k of keys) {
    expect.soft(other[k].length, `${label} ${k} length`).toBe(node[k].length);
    // Plain numbers first (what a caller sees), then the bits (−0, NaN payloads).
    expect.soft(Array.from(other[k]).every((v, i) => Object.is(v, node[k][i])), `${label} ${k}: same numbers`).toBe(true);
    expect.soft(bitDiff(node[k], other[k]), `${label} ${k}: first differing element`).toBeNull();
  }
}

test.describe('GBDT predictor parity (Node ↔ Chromium ↔ worker thread)', () => {
  test('the fixture model and rows are non-trivial', () => {
    const { input, node } = getFixture();
    const model = GbdtModel.fromJSON(JSON.parse(input.artifact));
    expect(model.nTrees).toBe(N_TREES);
    // A near-constant model would make every parity check vacuous.
    expect(Math.max(...node.probaBatch) - Math.min(...node.probaBatch)).toBeGreaterThan(0.5);
    expect(input.nEdge).toBeGreaterThan(200);
    expect(input.X.some(Number.isNaN)).toBe(true);
  });

  test('the JSON artifact round-trip is lossless in Node', () => {
    const { input, node } = getFixture();
    const again = GbdtModel.fromJSON(JSON.parse(JSON.stringify(GbdtModel.fromJSON(JSON.parse(input.artifact)).toJSON())));
    expect(bitDiff(node.rawBatch, again.predictRawBatch(input.X, input.nRows))).toBeNull();
    expect(bitDiff(node.edgeRaw, again.predictRawBatch(input.edgeX, input.nEdge))).toBeNull();
  });

  test('Chromium: raw margins are bit-identical (batch, single rows, threshold/NaN/±Inf edge rows)', async ({ page }) => {
    const { input, node } = getFixture();
    const chromium = await scoreInChromium(page, input);
    expectBitIdentical('chromium', MARGIN_KEYS, node, chromium);
  });

  test('Chromium: probabilities are bit-identical too (the predictor uses a deterministic exp)', async ({ page }) => {
    const { input, node } = getFixture();
    const chromium = await scoreInChromium(page, input);
    expectBitIdentical('chromium', ['probaBatch', 'probaSingle'], node, chromium);
    // Math.exp itself does differ between the engines (which is why lib/ml/math/exp.ts exists): record how often.
    let expDiffs = 0;
    for (let i = 0; i < input.nRows; i++) if (!Object.is(node.expTerm[i], chromium.expTerm[i])) expDiffs++;
    test.info().annotations.push({ type: 'engine-math', description: `Math.exp differs between Node and Chromium on ${expDiffs}/${input.nRows} rows` });
    for (let i = 0; i < input.nSingle; i++) {
      expect.soft(Object.is(chromium.probaSingle[i], chromium.probaBatch[i]), `chromium row ${i}: predictProba vs batch`).toBe(true);
    }
  });

  test('a Node worker thread running the bundle scores bit-identically', async () => {
    const { input, node } = getFixture();
    const code = `${await bundleForBrowser(ENTRY)}
const { parentPort } = require('node:worker_threads');
parentPort.once('message', (input) => parentPort.postMessage(ChurnLab.scoreGbdtArtifact(input)));`;
    const worker = new Worker(code, { eval: true });
    try {
      const result = await new Promise<GbdtScores>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (c) => reject(new Error(`worker exited with code ${c} before answering`)));
        // Structured clone copies Float64Arrays exactly.
        worker.postMessage(input);
      });
      expectBitIdentical('worker', ALL_KEYS, node, result);
    } finally {
      await worker.terminate();
    }
  });
});
