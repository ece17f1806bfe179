/** Decision-threshold selection: max F1 on labelled data, and campaign profit (realised or expected). */
export { maxF1Threshold, type F1Point, type MaxF1Result } from './max-f1';
export {
  profitCurve,
  expectedProfitCurve,
  type ProfitParams,
  type ProfitPoint,
  type ProfitResult,
  type ProfitOptions,
} from './profit';
