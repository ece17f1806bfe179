/** Small formatting helpers and badges shared by the Monitor cell's sections. */
import type { FeatureDriftDTO } from '@/lib/api/dto';

/** 0.123 → "12.3 %" */
export const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)} %`;

/** Three decimals, tiny values in exponent form, "—" for missing. */
export const num = (x: number | null | undefined) => (x === null || x === undefined ? '—' : Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(3));

/** Display names of the drift tests. */
export const METHOD: Record<FeatureDriftDTO['method'], string> = { ks: 'KS', wasserstein: 'normed Wasserstein', chisquare: 'chi²', jensenshannon: 'Jensen–Shannon' };

/** The drift verdict of a feature (or of the prediction distribution). */
export function Verdict({ f }: { f: FeatureDriftDTO }) {
  return <span className={`badge ${f.drifted ? 'badge-failed' : 'badge-passed'}`}>{f.drifted ? 'drift' : 'ok'}</span>;
}

/** PSI value with its 0.1 watch / 0.2 act verdict. */
export function PsiBadge({ v, verdict }: { v: number; verdict: FeatureDriftDTO['psiVerdict'] }) {
  return <span className={`badge ${verdict === 'act' ? 'badge-failed' : verdict === 'watch' ? 'badge-stale' : 'badge-passed'}`}>{v.toFixed(3)} {verdict}</span>;
}
