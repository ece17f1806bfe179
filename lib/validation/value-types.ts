/**
 * GX `type_` names (as used by `expect_column_values_to_be_of_type` on pandas / SQL backends) mapped to the
 * JavaScript check applied to each non-null cell. JavaScript has one number type, so:
 *
 * | kind       | GX names (case-insensitive)                                                    | JS check                                  |
 * |------------|--------------------------------------------------------------------------------|-------------------------------------------|
 * | `int`      | int, int8..int64, uint8..uint64, Int64 (nullable), integer, bigint, smallint, long | `Number.isInteger(v)` or a `bigint`    |
 * | `float`    | float, float16/32/64, double, real, numeric, decimal, number                   | `typeof v === 'number'` (ints pass too)   |
 * | `str`      | str, string, unicode, text, varchar, char, category                            | `typeof v === 'string'`                   |
 * | `bool`     | bool, boolean                                                                  | `typeof v === 'boolean'`                  |
 * | `datetime` | datetime, datetime64, datetime64[ns], datetime64[ns, UTC], timestamp, date, datetimetz | a valid `Date` (strings do not pass) |
 * | `any`      | object                                                                         | any non-null value (pandas `object`)      |
 *
 * A float column whose values are all whole numbers therefore passes `int`: JS cannot tell `1` from `1.0`.
 */
export type ValueKind = 'int' | 'float' | 'str' | 'bool' | 'datetime' | 'any';

const KIND_BY_NAME: Record<string, ValueKind> = {};
function register(kind: ValueKind, names: string[]): void {
  for (const n of names) KIND_BY_NAME[n] = kind;
}
register('int', [
  'int', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
  'integer', 'bigint', 'smallint', 'tinyint', 'long', 'int64dtype',
]);
register('float', ['float', 'float16', 'float32', 'float64', 'double', 'real', 'numeric', 'decimal', 'number']);
register('str', ['str', 'string', 'unicode', 'text', 'varchar', 'char', 'category', 'stringdtype']);
register('bool', ['bool', 'boolean', 'booleandtype']);
register('datetime', [
  'datetime', 'datetime64', 'datetime64[ns]', 'datetime64[ms]', 'datetime64[us]', 'datetime64[s]',
  'datetime64[ns, utc]', 'timestamp', 'date', 'datetimetz', 'datetimetzdtype',
]);
register('any', ['object']);

/** The check for a GX type name, or `undefined` when the name is not supported. */
export function valueKindOf(typeName: string): ValueKind | undefined {
  return KIND_BY_NAME[typeName.trim().toLowerCase()];
}

/** The GX type names accepted by `valueKindOf` (lower case). */
export const SUPPORTED_TYPE_NAMES: readonly string[] = Object.keys(KIND_BY_NAME);

/** True when a non-null cell value matches a kind. */
export function matchesKind(v: unknown, kind: ValueKind): boolean {
  switch (kind) {
    case 'int':
      return typeof v === 'bigint' || Number.isInteger(v);
    case 'float':
      return typeof v === 'number';
    case 'str':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'datetime':
      return v instanceof Date && !Number.isNaN(v.getTime());
    case 'any':
      return true;
  }
}
