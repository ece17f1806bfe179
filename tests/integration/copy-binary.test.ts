/**
 * COPY in binary format against a real PostgreSQL: every type the batch scores use round-trips exactly (text with
 * tabs, newlines, backslashes and 2–4-byte UTF-8, jsonb, float8 bit for bit, int4 extremes, NULLs), rows that span
 * chunk boundaries, and a failing COPY leaves nothing behind.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  client = new pg.Client({ connectionString: t.url });
  await client.connect();
  await client.query('CREATE TABLE copy_t (id text NOT NULL, r jsonb, p double precision, n integer, s integer NOT NULL)');
}, 60_000);

afterAll(async () => {
  await client?.end();
  await t?.drop();
});

describe('copyBinary', () => {
  it('round-trips text, jsonb, float8 and int4 exactly, NULLs included, across chunk boundaries', async () => {
    const { copyBinary } = await import('@/lib/server/db/copy-binary');
    const ids = ['plain', 'tab\there', 'new\nline', 'back\\slash', 'é ü ß', '€ 中文', '🙂 emoji', '', "quote ' \" ,", 'x'.repeat(3_000_000)];
    const n = 60_000; // ~4 MB of rows plus one 3 MB id: several chunks, one larger than a chunk
    const id = (i: number) => (i < ids.length ? ids[i] : `row-${i}`);
    const json = (i: number) => (i % 3 === 0 ? null : JSON.stringify([{ feature: 'f\t"ü"', value: i % 2 ? 'a\nb' : i, contribution: i / 7, direction: 'increases' }]));
    const p = (i: number) => (i === 1 ? null : i === 2 ? Number.MIN_VALUE : i === 3 ? -0.1 : i === 4 ? 1 / 3 : i === 5 ? NaN : Math.sin(i) * 1e-3);
    const num = (i: number) => (i === 1 ? null : i === 2 ? 2147483647 : i === 3 ? -2147483648 : i % 11);
    const copied = await copyBinary(
      'copy_t',
      [
        { name: 'id', type: 'text', value: id },
        { name: 'r', type: 'jsonb', value: json },
        { name: 'p', type: 'float8', value: p },
        { name: 'n', type: 'int4', value: num },
        { name: 's', type: 'int4', value: () => 7 },
      ],
      n,
    );
    expect(copied).toBe(n);
    // float8 as text with full precision (extra_float_digits = 3 is the default since PostgreSQL 12: shortest exact)
    const { rows } = await client.query<{ id: string; r: unknown; p: string | null; n: number | null; s: number }>('SELECT id, r, p::text AS p, n, s FROM copy_t');
    expect(rows).toHaveLength(n);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (let i = 0; i < n; i++) {
      const r = byId.get(id(i));
      expect(r, `row ${i}`).toBeDefined();
      expect(r!.r).toEqual(json(i) === null ? null : JSON.parse(json(i)!));
      const want = p(i);
      expect(r!.p === null ? null : Number(r!.p)).toEqual(want);
      if (want !== null && want === want) expect(Object.is(Number(r!.p), want)).toBe(true);
      expect(r!.n).toBe(num(i));
      expect(r!.s).toBe(7);
    }
  }, 120_000);

  it('copies text and jsonb straight from UTF-8 columns: the same rows as from strings, long values and NULLs included', async () => {
    const { copyBinary } = await import('@/lib/server/db/copy-binary');
    const { utf8Column } = await import('@/lib/data/codecs/utf8-column');
    await client.query('TRUNCATE copy_t');
    const n = 30_000;
    const ids = Array.from({ length: n }, (_, i) => (i === 0 ? 'y'.repeat(2_000_000) : i % 7 === 0 ? `é-中-🙂-${i}` : i % 5 === 0 ? `long-${'z'.repeat(80)}-${i}` : `C${i}`));
    const json = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : JSON.stringify({ i, s: i % 3 ? 'a\tb"ü' : 'x'.repeat(i % 200) })));
    const copied = await copyBinary(
      'copy_t',
      [
        { name: 'id', type: 'text', utf8: utf8Column(ids, { shared: true }) },
        { name: 'r', type: 'jsonb', utf8: utf8Column(json) },
        { name: 's', type: 'int4', value: (i) => i },
      ],
      n,
    );
    expect(copied).toBe(n);
    const { rows } = await client.query<{ id: string; r: unknown; s: number }>('SELECT id, r, s FROM copy_t ORDER BY s');
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => r.r)).toEqual(json.map((j) => (j === null ? null : JSON.parse(j))));
    // `order` sends the rows in that order (an index's order, for a cheap build later): a sequence numbers them as
    // they arrive
    await client.query('CREATE TABLE copy_o (s integer NOT NULL, seq bigserial)');
    const reversed = Int32Array.from({ length: n }, (_, r) => n - 1 - r);
    await copyBinary('copy_o', [{ name: 's', type: 'int4', value: (i) => i }], n, { order: reversed });
    const stored = await client.query<{ s: number }>('SELECT s FROM copy_o ORDER BY seq');
    expect(stored.rows.map((r) => r.s)).toEqual([...reversed]);
    await expect(copyBinary('copy_t', [{ name: 's', type: 'int4', value: (i) => i }], 2, { order: [0] })).rejects.toThrow(/order: 1 rows for 2/);
    await expect(copyBinary('copy_t', [{ name: 's', type: 'int4', value: (i) => i }], 2, { order: [0, 2] })).rejects.toThrow(/order: row 2 \(at 1\) is not a row of 2/);
    await expect(copyBinary('copy_t', [{ name: 's', type: 'int4', value: (i) => i }], 2, { order: [0.5, 1] })).rejects.toThrow(/order: row 0.5 \(at 0\) is not a row of 2/);
    // fewer values than rows is refused before anything is sent
    await expect(copyBinary('copy_t', [{ name: 'id', type: 'text', utf8: utf8Column(['a']) }], 2)).rejects.toThrow(/id: 1 values for 2 rows/);
  }, 120_000);

  it('copies typed arrays and constants: each row gets its value bit for bit, the constant on every row', async () => {
    const { copyBinary } = await import('@/lib/server/db/copy-binary');
    await client.query('CREATE TABLE copy_c (p double precision, n integer, t text, j jsonb, k integer, f double precision, seq bigserial)');
    const n = 20_000; // several blocks of rows and chunks
    const special = [Number.MIN_VALUE, -0, 1 / 3, NaN, Infinity, -1e308];
    const p = Float64Array.from({ length: n }, (_, i) => (i < special.length ? special[i] : Math.cos(i) * 1e-5));
    const num = Int32Array.from({ length: n }, (_, i) => (i === 0 ? 2147483647 : i === 1 ? -2147483648 : i * 7 - 50_000));
    const order = Int32Array.from({ length: n }, (_, r) => (r * 7919) % n);
    const copied = await copyBinary(
      'copy_c',
      [
        { name: 'p', type: 'float8', data: p },
        { name: 'n', type: 'int4', data: num },
        { name: 't', type: 'text', constant: 'batch é 中 🙂' },
        { name: 'j', type: 'jsonb', constant: '{"a": [1, "ü"]}' },
        { name: 'k', type: 'int4', constant: null },
        { name: 'f', type: 'float8', constant: 0.1 },
      ],
      n,
      { order },
    );
    expect(copied).toBe(n);
    const { rows } = await client.query<{ p: string; n: number; t: string; j: unknown; k: number | null; f: number }>('SELECT p::text AS p, n, t, j, k, f FROM copy_c ORDER BY seq');
    expect(rows).toHaveLength(n);
    for (let r = 0; r < n; r++) {
      const i = order[r];
      const got = Number(rows[r].p);
      if (Number.isNaN(p[i])) expect(got, `row ${i}`).toBeNaN();
      else expect(Object.is(got, p[i]), `row ${i}: ${rows[r].p} vs ${p[i]}`).toBe(true);
      expect(rows[r].n).toBe(num[i]);
    }
    expect(new Set(rows.map((r) => r.t))).toEqual(new Set(['batch é 中 🙂']));
    expect(rows.every((r) => r.k === null && r.f === 0.1)).toBe(true);
    expect(rows[n - 1].j).toEqual({ a: [1, 'ü'] });
    // refused before anything is sent: short arrays, constants of the wrong kind or range
    await expect(copyBinary('copy_c', [{ name: 'p', type: 'float8', data: new Float64Array(1) }], 2)).rejects.toThrow(/p: 1 values for 2 rows/);
    await expect(copyBinary('copy_c', [{ name: 'n', type: 'int4', constant: 2 ** 31 }], 1)).rejects.toThrow(/n: 2147483648 is not a 32-bit integer/);
    await expect(copyBinary('copy_c', [{ name: 'n', type: 'int4', constant: 1.5 }], 1)).rejects.toThrow(/n: 1.5 is not a 32-bit integer/);
    expect((await client.query('SELECT count(*)::int AS c FROM copy_c')).rows[0].c).toBe(n);
  }, 120_000);

  it('pause: the rows before the position are sent before the later values are read; a rejection aborts the COPY', async () => {
    const { copyBinary, binaryCopyChunks, COPY_PAUSE } = await import('@/lib/server/db/copy-binary');
    await client.query('CREATE TABLE copy_p (s integer NOT NULL, v text, seq bigserial)');
    const n = 300_000;
    const at = 250_000;
    const late = new Array<string | null>(n).fill(null);
    let seenBeforeReady = -1;
    let readLate = false;
    const cols = [
      { name: 's', type: 'int4' as const, value: (i: number) => i },
      {
        name: 'v',
        type: 'text' as const,
        value: (i: number) => {
          if (i >= at) readLate = true;
          return late[i];
        },
      },
    ];
    await copyBinary('copy_p', cols, n, {
      pause: {
        at,
        until: async () => {
          // PostgreSQL gets every earlier row (the stream is flushed at the pause) before the later values exist
          let processed = 0;
          for (let tries = 0; tries < 200 && processed < at; tries++) {
            const p = await client.query<{ n: string }>(`SELECT tuples_processed AS n FROM pg_stat_progress_copy WHERE relid = 'copy_p'::regclass`);
            processed = Number(p.rows[0]?.n ?? 0);
            if (processed < at) await new Promise((r) => setTimeout(r, 25));
          }
          expect(processed).toBe(at);
          seenBeforeReady = readLate ? -2 : at;
          for (let i = at; i < n; i++) late[i] = `late-${i}`;
        },
      },
    });
    expect(seenBeforeReady).toBe(at);
    const { rows } = await client.query<{ s: number; v: string | null }>('SELECT s, v FROM copy_p ORDER BY seq');
    expect(rows.length).toBe(n);
    expect(rows.every((r, k) => r.s === k && r.v === (k >= at ? `late-${k}` : null))).toBe(true);
    // the pause marker comes once, after the bytes of exactly the rows before it
    const chunks = [...binaryCopyChunks([{ name: 's', type: 'int4', value: (i) => i }], 10, undefined, undefined, 4)];
    const k = chunks.indexOf(COPY_PAUSE);
    expect(chunks.filter((c) => c === COPY_PAUSE)).toHaveLength(1);
    const before = Buffer.concat(chunks.slice(0, k));
    // header 19 bytes, then per row: int16 field count + int32 length + int32 value
    expect(before.length).toBe(19 + 4 * 10);
    expect([...binaryCopyChunks([{ name: 's', type: 'int4', value: (i) => i }], 3, undefined, undefined, 3)].indexOf(COPY_PAUSE)).toBeGreaterThan(0);
    expect(() => [...binaryCopyChunks([{ name: 's', type: 'int4', value: (i) => i }], 3, undefined, undefined, 4)]).toThrow(/pause: position 4 is not within 0…3/);
    // a rejected pause aborts the COPY: no row lands
    await client.query('TRUNCATE copy_p');
    await expect(copyBinary('copy_p', cols, 1000, { pause: { at: 10, until: () => Promise.reject(new Error('explainer failed')) } })).rejects.toThrow(/explainer failed/);
    expect((await client.query('SELECT count(*)::int AS c FROM copy_p')).rows[0].c).toBe(0);
  }, 120_000);

  it('a value the table refuses fails the whole COPY, and replace keeps the old rows when it does', async () => {
    const { copyBinary } = await import('@/lib/server/db/copy-binary');
    await client.query('TRUNCATE copy_t');
    await copyBinary('copy_t', [{ name: 'id', type: 'text', value: (i) => `old-${i}` }, { name: 's', type: 'int4', value: () => 1 }], 10);
    // row 500 has a NULL where the table requires a value
    const bad = copyBinary('copy_t', [{ name: 'id', type: 'text', value: (i) => `new-${i}` }, { name: 's', type: 'int4', value: (i) => (i === 500 ? null : 1) }], 1000, { replace: true });
    await expect(bad).rejects.toThrow(/null value|not-null/);
    const { rows } = await client.query<{ id: string }>('SELECT id FROM copy_t ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `old-${i}`).sort());
    // a number that is no int4 is refused before anything is sent
    await expect(copyBinary('copy_t', [{ name: 'id', type: 'text', value: () => 'x' }, { name: 's', type: 'int4', value: () => 2 ** 31 }], 1)).rejects.toThrow(/s: 2147483648 \(row 0\) is not a 32-bit integer/);
    // replace swaps the rows when the COPY succeeds
    await copyBinary('copy_t', [{ name: 'id', type: 'text', value: (i) => `new-${i}` }, { name: 's', type: 'int4', value: () => 1 }], 3, { replace: true });
    expect((await client.query('SELECT count(*)::int AS c FROM copy_t')).rows[0].c).toBe(3);
  });
});
