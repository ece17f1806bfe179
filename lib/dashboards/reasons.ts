/** Reasons (TreeSHAP/linear contributions on raw fields) in plain words: "Month-to-month contract raises the risk". */
import type { ReasonDTO } from '@/lib/api/dto';

/** `MonthlyCharges` / `monthly_charges` / `monthly-charges` → "monthly charges". */
export function humanizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
}

const capitalize = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Math.round(v * 100) / 100);
}

/**
 * One reason as a sentence. Categorical value → "<value> <field>" ("Month-to-month contract", "Electronic check
 * payment method"); yes/no values → "<field>: yes"; numbers → "<Field> of <value>"; missing → "Missing <field>".
 */
export function plainReason(r: ReasonDTO): string {
  const field = humanizeName(r.feature);
  // "monthly charges of 30 raise", "tenure of 2 raises": the subject is the field when it names the value.
  const plural = /[^s]s$/.test(field);
  let verb = r.direction === 'increases' ? 'raises' : 'lowers';
  let subject: string;
  if (r.value === null || r.value === '') {
    subject = `Missing ${field}`;
    if (plural) verb = verb.slice(0, -1);
  } else if (typeof r.value === 'number') {
    subject = `${capitalize(field)} of ${formatNumber(r.value)}`;
    if (plural) verb = verb.slice(0, -1);
  } else {
    const v = String(r.value);
    if (/^(yes|no|true|false|y|n|0|1)$/i.test(v)) subject = `${capitalize(field)}: ${v.toLowerCase()}`;
    else if (v.toLowerCase().includes(field)) subject = capitalize(v);
    else subject = `${capitalize(v)} ${field}`;
  }
  return `${subject} ${verb} the risk`;
}

/** The top `n` reasons (largest |contribution| first) in plain words. */
export function plainReasons(reasons: readonly ReasonDTO[] | null | undefined, n = 3): string[] {
  if (!reasons) return [];
  return [...reasons]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, n)
    .map(plainReason);
}
