import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, resolveParams } from './params';

describe('resolveParams', () => {
  it('has sklearn defaults', () => {
    expect(resolveParams({})).toEqual(DEFAULT_PARAMS);
    expect(DEFAULT_PARAMS).toMatchObject({ learning_rate: 0.1, max_iter: 100, max_leaf_nodes: 31, max_depth: null, min_samples_leaf: 20, l2_regularization: 0, max_bins: 255, early_stopping: 'auto', validation_fraction: 0.1, n_iter_no_change: 10, tol: 1e-7 });
  });
  it.each([
    ['learning_rate', 0],
    ['learning_rate', NaN],
    ['max_iter', 0],
    ['max_iter', 2.5],
    ['max_leaf_nodes', 1],
    ['max_depth', 0],
    ['min_samples_leaf', 0],
    ['l2_regularization', -1],
    ['max_bins', 256],
    ['max_bins', 1],
    ['early_stopping', 'yes'],
    ['scoring', 'roc_auc'],
    ['validation_fraction', 1.5],
    ['validation_fraction', 0],
    ['n_iter_no_change', 0],
    ['tol', -1],
    ['class_weight', 'auto'],
    ['class_weight', { 0: 1 }],
    ['random_state', -3],
    ['random_state', 2 ** 32],
  ])('rejects %s = %j with a RangeError naming it', (name, value) => {
    expect(() => resolveParams({ [name]: value } as never)).toThrow(RangeError);
    expect(() => resolveParams({ [name]: value } as never)).toThrow(new RegExp(`^${name}`));
  });
  it('rejects unknown parameters', () => {
    expect(() => resolveParams({ n_estimators: 10 } as never)).toThrow(/n_estimators/);
  });
  it('accepts nullable parameters and class weights', () => {
    expect(resolveParams({ max_leaf_nodes: null, validation_fraction: null, class_weight: { 0: 1, 1: 3 }, random_state: 0 }).max_leaf_nodes).toBeNull();
    expect(resolveParams({ class_weight: 'balanced', validation_fraction: 100 }).validation_fraction).toBe(100);
  });
});
