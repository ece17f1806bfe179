/** Command line and environment of `bench:gbdt`: flags, the Telco CSV and the sklearn anchors directory. */
import { resolve } from 'node:path';

export const args = process.argv.slice(2);
export function arg(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
export const QUICK = args.includes('--quick');
export const DATA = resolve(arg('--data') ?? process.env.TELCO_CSV ?? '../shared/data/telco-churn/WA_Fn-UseC_-Telco-Customer-Churn.csv');
export const ANCHORS = resolve(arg('--anchors') ?? process.env.ANCHORS_DIR ?? '../shared/anchors');
