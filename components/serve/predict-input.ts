import type { InputFieldDTO } from '@/lib/api/dto';

/** The form's text for each field, keyed by field name. */
export type FormTexts = Record<string, string>;

/** A starting value inside the range seen in training: the first level, or the middle of the numeric range. */
export function initialText(f: InputFieldDTO): string {
  if (f.kind === 'categorical') return f.levels?.[0] ?? '';
  if (f.min === undefined || f.max === undefined || !Number.isFinite(f.min) || !Number.isFinite(f.max)) return '';
  const mid = (f.min + f.max) / 2;
  if (Number.isInteger(f.min) && Number.isInteger(f.max)) return String(Math.round(mid));
  return String(Math.round(mid * 100) / 100);
}

export function initialTexts(schema: readonly InputFieldDTO[]): FormTexts {
  const out: FormTexts = {};
  for (const f of schema) if (f.use !== 'ignored') out[f.name] = f.use === 'id' ? '' : initialText(f);
  return out;
}

/**
 * The raw customer record the API takes, from the form: numeric text → number ('' → null, i.e. missing),
 * categorical text → string ('' → null). An empty id field is left out. Bad numbers name their field.
 */
export function customerFromTexts(schema: readonly InputFieldDTO[], texts: FormTexts): { ok: true; customer: Record<string, string | number | null> } | { ok: false; error: string } {
  const customer: Record<string, string | number | null> = {};
  for (const f of schema) {
    if (f.use === 'ignored') continue;
    const t = (texts[f.name] ?? '').trim();
    if (f.use === 'id') {
      if (t) customer[f.name] = t;
      continue;
    }
    if (f.kind === 'categorical') customer[f.name] = t === '' ? null : t;
    else if (t === '') customer[f.name] = null;
    else {
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, error: `${f.name}: "${t}" is not a number` };
      customer[f.name] = n;
    }
  }
  return { ok: true, customer };
}

/** A copy-paste curl call scoring `customer` with an API key from the environment. */
export function curlExample(origin: string, modelName: string, alias: string, customer: Record<string, unknown>): string {
  const query = `model=${encodeURIComponent(modelName)}${alias === 'champion' ? '' : `&alias=${encodeURIComponent(alias)}`}`;
  const body = JSON.stringify({ customer }, null, 2).replace(/'/g, `'\\''`);
  return [
    `curl -sS -X POST '${origin}/api/v1/predict?${query}' \\`,
    `  -H "Authorization: Bearer $CHURNLAB_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body}'`,
  ].join('\n');
}
