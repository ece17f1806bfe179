/**
 * Feature-pipeline parity on the Telco churn CSV: the default spec is fitted in Node, its fitted-transform JSON is
 * applied in Node and in Chromium (both running `e2e/harness/features-run.ts`), and the model matrices must be
 * the same bytes — NaN included. Also checks that the CSV parses to the same columns in the page, that `applyRow`
 * matches, and that fitting in the page yields the same fitted-transform JSON.
 *
 * Skipped when the Telco CSV is absent (set TELCO_CSV to point elsewhere).
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCsv } from '@/lib/data/codecs/csv';
import { defaultSpecFromProfile, fit } from '@/lib/features';
import { bundleForBrowser, REPO_ROOT } from '../harness/bundle';
import { bitDiff, f64FromBase64 } from '../harness/bytes';
import { runFeatures, type FeaturesRunInput, type FeaturesRunOutput } from '../harness/features-run';

const TELCO_CSV = process.env.TELCO_CSV ?? resolve(REPO_ROOT, '..', 'shared', 'data', 'telco-churn', 'WA_Fn-UseC_-Telco-Customer-Churn.csv');
const TARGET = 'Churn';
const ENTRY = `export * from '@/e2e/harness/features-run';`;

interface Fixture {
  input: FeaturesRunInput;
  node: FeaturesRunOutput;
  chromium: FeaturesRunOutput;
}

test.describe('feature pipeline parity on Telco (Node ↔ Chromium)', () => {
  test.skip(!existsSync(TELCO_CSV), `Telco CSV not found at ${TELCO_CSV}`);
  // One page run serves every check below; serial so the fixture is computed once.
  test.describe.configure({ mode: 'serial' });

  let fx: Fixture;

  test.beforeAll(async ({ browser }) => {
    const csv = readFileSync(TELCO_CSV, 'utf8');
    const { table } = await parseCsv(csv);
    const fitted = fit(defaultSpecFromProfile(table, TARGET), table);
    const input: FeaturesRunInput = { csv, fittedJson: JSON.stringify(fitted), target: TARGET, nRowChecks: 500 };
    const node = await runFeatures(input);
    const page = await browser.newPage();
    try {
      await page.setContent('<!doctype html><html><body></body></html>');
      await page.addScriptTag({ content: await bundleForBrowser(ENTRY) });
      const chromium = await page.evaluate((arg) => {
        const lib = (globalThis as unknown as { ChurnLab: typeof import('../harness/features-run') }).ChurnLab;
        return lib.runFeatures(arg);
      }, input);
      fx = { input, node, chromium };
    } finally {
      await page.close();
    }
  });

  test('the fixture is the real Telco table and a non-trivial matrix', () => {
    expect(fx.node.rowCount).toBe(7043);
    expect(fx.node.featureNames.length).toBeGreaterThan(20);
    // TotalCharges has blank cells: NaN must be present in the parsed data for the NaN-equality check to mean anything.
    expect(f64FromBase64(fx.node.columns.TotalCharges).some(Number.isNaN)).toBe(true);
  });

  test('the CSV parses to identical typed columns in Chromium', () => {
    expect(fx.chromium.rowCount).toBe(fx.node.rowCount);
    expect(fx.chromium.types).toEqual(fx.node.types);
    for (const [name, type] of Object.entries(fx.node.types)) {
      if (type === 'numeric') expect.soft(bitDiff(f64FromBase64(fx.node.columns[name]), f64FromBase64(fx.chromium.columns[name])), name).toBeNull();
      else expect.soft(fx.chromium.columns[name], name).toBe(fx.node.columns[name]);
    }
  });

  test('apply(fitted JSON) gives the same Float64 bytes in Chromium', () => {
    expect(fx.chromium.featureNames).toEqual(fx.node.featureNames);
    const node = f64FromBase64(fx.node.X);
    expect(node.length).toBe(fx.node.rowCount * fx.node.featureNames.length);
    expect(bitDiff(node, f64FromBase64(fx.chromium.X)), 'first differing element of X').toBeNull();
    expect(fx.chromium.X).toBe(fx.node.X);
  });

  test('applyRow gives the same bytes in Chromium and matches apply', () => {
    const nf = fx.node.featureNames.length;
    const nodeRows = f64FromBase64(fx.node.rowX);
    expect(bitDiff(nodeRows, f64FromBase64(fx.chromium.rowX))).toBeNull();
    expect(bitDiff(nodeRows, f64FromBase64(fx.node.X).subarray(0, fx.input.nRowChecks * nf)), 'applyRow vs apply in Node').toBeNull();
  });

  test('fitting the default spec in Chromium gives the same fitted-transform JSON', () => {
    expect(fx.node.refitJson).toBe(fx.input.fittedJson);
    expect(fx.chromium.refitJson).toBe(fx.node.refitJson);
  });
});
