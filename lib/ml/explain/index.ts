/** Model explanations for gbdt models: TreeSHAP and global importances. */
export { expectedValue, shapValues, TreeShapExplainer } from './tree-shap';
export { meanAbsShap, permutationImportance, splitGainImportance, type PermutationImportance, type PermutationImportanceOptions } from './importance';
