import { describe, expect, it } from 'vitest';
import { cellValue, customerKeys } from './customer-keys';
import { tableFromColumns } from './table';

describe('customerKeys', () => {
  const table = tableFromColumns({ id: ['a', 'b', 'a', null, 'b'], x: Float64Array.from([1, 2, 3, 4, 5]) });

  it('keys every row by its id, suffixing repeats with the row and naming missing ids by row', () => {
    expect(customerKeys(table, 'id')).toEqual({ keys: ['a', 'b', 'a~2', 'row-3', 'b~4'], repeated: 2 });
    expect(customerKeys(table, null).keys).toEqual(['0', '1', '2', '3', '4']);
    expect(customerKeys(table, 'no-such-column').keys).toEqual(['0', '1', '2', '3', '4']);
  });

  it('gives a shard the same keys the whole table gives those rows, and counts only its own repeats', () => {
    const whole = customerKeys(table, 'id').keys;
    expect(customerKeys(table, 'id', 2, 5)).toEqual({ keys: whole.slice(2, 5), repeated: 2 });
    expect(customerKeys(table, 'id', 0, 2)).toEqual({ keys: whole.slice(0, 2), repeated: 0 });
    expect(customerKeys(table, null, 3, 5).keys).toEqual(['3', '4']);
    expect(() => customerKeys(table, 'id', 3, 6)).toThrow(RangeError);
    expect(() => customerKeys(table, 'id', 2, 1)).toThrow(RangeError);
  });

  it('with ids known unique, keys are the ids as text (the same keys); other id types take the general path', () => {
    const unique = tableFromColumns({ id: ['c', 'a', 'b'], n: Float64Array.from([10, 2.5, -1]), d: [new Date(0), new Date(1), new Date(2)], big: [1n, 2n, 3n] });
    for (const col of ['id', 'n', 'd', 'big']) {
      expect(customerKeys(unique, col, 0, 3, { idsUnique: true })).toEqual(customerKeys(unique, col));
      expect(customerKeys(unique, col, 1, 3, { idsUnique: true })).toEqual(customerKeys(unique, col, 1, 3));
    }
    expect(customerKeys(unique, 'n', 0, 3, { idsUnique: true }).keys).toEqual(['10', '2.5', '-1']);
    // a column that is not what the caller claimed (a missing id) falls back and is keyed correctly
    expect(customerKeys(table, 'id', 0, 5, { idsUnique: true })).toEqual(customerKeys(table, 'id'));
  });

  it('reads cells as JSON scalars', () => {
    expect([NaN, undefined, null, 2n, true, 'x', new Date(0), 3].map(cellValue)).toEqual([null, null, null, 2, true, 'x', '1970-01-01T00:00:00.000Z', 3]);
  });
});
