import type { ModelAliasName, ModelTransitionDTO, ModelVersionDTO, PromotionRequestDTO } from '@/lib/api/dto';
import { formatMetric } from '@/lib/ml/charts/run-view';

/** Fired on `window` after a register / promote / request decision, so the Registry and Serve cells refresh. */
export const MODELS_CHANGED_EVENT = 'churnlab:models-changed';

export function notifyModelsChanged(modelName: string): void {
  window.dispatchEvent(new CustomEvent(MODELS_CHANGED_EVENT, { detail: { modelName } }));
}

/** `2026-11-28 01:02 UTC` from an ISO time (stable between server and browser render: no locale). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export const versionLabel = (v: number | null | undefined): string => (v == null ? 'none' : `v${v}`);

/** The model page of a registered model. */
export function modelHref(projectSlug: string, name: string): string {
  return `/projects/${encodeURIComponent(projectSlug)}/models/${encodeURIComponent(name)}`;
}

/** The model card of one version. */
export function versionHref(projectSlug: string, name: string, version: number): string {
  return `${modelHref(projectSlug, name)}/versions/${version}`;
}

export function runHref(projectSlug: string, runId: string): string {
  return `/projects/${encodeURIComponent(projectSlug)}/runs/${encodeURIComponent(runId)}`;
}

/** The test-set metrics shown beside a version: ROC AUC and F1 at the version's threshold when the run has them. */
export function versionMetrics(v: ModelVersionDTO): { rocAuc: string; f1: string } {
  return { rocAuc: formatMetric(v.metrics.rocAuc, 3), f1: formatMetric(v.metrics.f1, 3) };
}

const ACTION_LABEL: Record<string, string> = {
  registered: 'registered',
  promotion_requested: 'promotion requested',
  alias_set: 'alias set',
  alias_cleared: 'alias cleared',
  request_approved: 'request approved',
  request_rejected: 'request rejected',
  request_withdrawn: 'request withdrawn',
  auto_promoted: 'auto-promoted',
  auto_promotion_declined: 'auto-promotion declined',
};

export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action.replace(/_/g, ' ');
}

/** `champion: v1 → v2` for alias moves, `v3` for a registration, `challenger → v2` for a request. */
export function transitionChange(t: ModelTransitionDTO): string {
  if (t.action === 'registered') return versionLabel(t.toVersion);
  const alias = t.alias ? `${t.alias}: ` : '';
  if (t.fromVersion == null && t.toVersion != null && t.action !== 'alias_set') return `${alias}→ ${versionLabel(t.toVersion)}`;
  return `${alias}${versionLabel(t.fromVersion)} → ${versionLabel(t.toVersion)}`;
}

export const ALIAS_BADGE: Record<ModelAliasName, string> = { champion: 'badge badge-passed', challenger: 'badge badge-running' };

export const REQUEST_BADGE: Record<PromotionRequestDTO['status'], string> = {
  open: 'badge badge-running',
  approved: 'badge badge-passed',
  rejected: 'badge badge-failed',
  withdrawn: 'badge',
};

/** Who may do what in the registry UI; the server checks the same rules on every request. */
export interface RegistryPermissions {
  /** scientist+: register runs, request promotion */
  canRegister: boolean;
  /** approver+: move aliases, decide requests */
  canPromote: boolean;
  /** the signed-in user, to offer "withdraw" on their own requests (matched against `requestedBy`) */
  me: { id: string; email: string };
}

export function isMine(r: PromotionRequestDTO, me: RegistryPermissions['me']): boolean {
  return r.requestedBy !== null && (r.requestedBy === me.email || r.requestedBy === me.id);
}
