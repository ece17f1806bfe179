/**
 * The serving engine's model cache. Each served version (every model's champion and challenger) is loaded once
 * — artifacts read, transform compiled, model built — and kept in memory. The alias table is re-read at most every
 * SERVING_REFRESH_SECONDS in the background (a promotion in this process refreshes at once); a newly promoted
 * version is fully loaded before the alias map swaps to it, so no request waits or fails during a promotion. If
 * the database is unreachable, the last known aliases and loaded models keep serving.
 */
import type { ModelAliasName } from '@/lib/api/dto';
import { db } from '@/lib/server/db/client';
import { env } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { loadModelVersion, type ServedModel } from './load-version';
import { scoringPool } from './scoring-pool';

export type { ServedModel };

interface AliasRef {
  versionId: string;
  version: number;
}

interface State {
  /** modelName → alias → version */
  aliases: Map<string, Map<ModelAliasName, AliasRef>>;
  loaded: Map<string, ServedModel>;
  loading: Map<string, Promise<ServedModel>>;
  refreshedAt: number;
  everRefreshed: boolean;
  refreshing: Promise<void> | null;
  lastError: string | null;
  /** champions the last refresh could not load and nothing serves instead (readiness fails on these) */
  unservedChampions: string[];
  generation: number;
}

const KEY = Symbol.for('churnlab.serving-cache');
function state(): State {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  return (g[KEY] ??= {
    aliases: new Map(),
    loaded: new Map(),
    loading: new Map(),
    refreshedAt: 0,
    everRefreshed: false,
    refreshing: null,
    lastError: null,
    unservedChampions: [],
    generation: 0,
  });
}

async function loadVersion(versionId: string): Promise<ServedModel> {
  const s = state();
  const have = s.loaded.get(versionId);
  if (have) return have;
  let p = s.loading.get(versionId);
  if (!p) {
    p = (async () => {
      const served = await loadModelVersion(versionId);
      // Into the scoring threads before any alias serves it; if they cannot take it, the event loop scores it.
      await scoringPool()
        ?.load({ versionId, modelName: served.modelName, version: served.version, init: served.init })
        .catch((e: unknown) => console.error(`[serving] ${(e as Error).message}`));
      s.loaded.set(versionId, served);
      return served;
    })().finally(() => s.loading.delete(versionId));
    s.loading.set(versionId, p);
  }
  return p;
}

/** Re-reads the alias table, loads any newly referenced version, then swaps the alias map in one step. */
export function refreshServing(): Promise<void> {
  const s = state();
  if (s.refreshing) return s.refreshing;
  s.refreshing = (async () => {
    try {
      const rows = await db().modelAlias.findMany({ select: { alias: true, versionId: true, version: { select: { version: true } }, model: { select: { name: true } } } });
      const next = new Map<string, Map<ModelAliasName, AliasRef>>();
      const failures: string[] = [];
      const unservedChampions: string[] = [];
      for (const r of rows) {
        try {
          await loadVersion(r.versionId);
        } catch (e) {
          failures.push(`${r.model.name} ${r.alias} v${r.version.version}: ${(e as Error).message}`);
          // keep serving what this alias served before, if anything
          const prev = s.aliases.get(r.model.name)?.get(r.alias as ModelAliasName);
          if (!prev) {
            if (r.alias === 'champion') unservedChampions.push(`${r.model.name} v${r.version.version}`);
            continue;
          }
          if (!next.has(r.model.name)) next.set(r.model.name, new Map());
          next.get(r.model.name)!.set(r.alias as ModelAliasName, prev);
          continue;
        }
        if (!next.has(r.model.name)) next.set(r.model.name, new Map());
        next.get(r.model.name)!.set(r.alias as ModelAliasName, { versionId: r.versionId, version: r.version.version });
      }
      s.aliases = next;
      s.generation++;
      // Drop models no alias serves any more.
      const used = new Set([...next.values()].flatMap((m) => [...m.values()].map((a) => a.versionId)));
      for (const id of s.loaded.keys()) {
        if (used.has(id)) continue;
        s.loaded.delete(id);
        scoringPool()?.unload(id);
      }
      s.lastError = failures.length ? failures.join('; ') : null;
      s.unservedChampions = unservedChampions;
      s.everRefreshed = true;
    } catch (e) {
      s.lastError = `registry unreachable: ${(e as Error).message.split('\n')[0].slice(0, 200)}`;
    } finally {
      s.refreshedAt = Date.now();
      s.refreshing = null;
    }
  })();
  return s.refreshing;
}

/**
 * The model serving `alias` of `modelName` (or of the only model that has that alias when no name is given).
 * Never waits on the database once the cache is warm.
 */
export async function resolveServed(modelName: string | null, alias: ModelAliasName): Promise<ServedModel> {
  const s = state();
  const stale = Date.now() - s.refreshedAt > env().SERVING_REFRESH_SECONDS * 1000;
  if (!s.everRefreshed) await refreshServing();
  else if (stale) void refreshServing();
  let ref = lookup(modelName, alias);
  if (!ref && Date.now() - s.refreshedAt > 200) {
    await refreshServing();
    ref = lookup(modelName, alias);
  }
  if (!ref) {
    if (!s.everRefreshed) throw new AppError('unavailable', 'the model registry is unreachable and no model is loaded yet; retry shortly', undefined, { 'Retry-After': '5' });
    throw new AppError('not_found', modelName ? `model "${modelName}" has no ${alias}` : `no model has a ${alias} yet: register a run and have an approver promote it`);
  }
  return s.loaded.get(ref.versionId) ?? loadVersion(ref.versionId);
}

function lookup(modelName: string | null, alias: ModelAliasName): AliasRef | null {
  const s = state();
  if (modelName !== null) return s.aliases.get(modelName)?.get(alias) ?? null;
  const all = [...s.aliases.entries()].filter(([, m]) => m.has(alias));
  if (all.length > 1) throw new AppError('bad_request', `model: ${all.length} models have a ${alias} (${all.map(([n]) => n).join(', ')}); name one with ?model=`);
  return all[0]?.[1].get(alias) ?? null;
}

export interface ServingStatus {
  ok: boolean;
  detail: string;
  models: { name: string; alias: ModelAliasName; version: number; loaded: boolean }[];
}

/** Readiness of serving: every champion in the registry is loaded (no champion at all is ready: nothing to serve). */
export async function servingStatus(): Promise<ServingStatus> {
  await refreshServing();
  const s = state();
  const models = [...s.aliases.entries()].flatMap(([name, m]) => [...m.entries()].map(([alias, r]) => ({ name, alias, version: r.version, loaded: s.loaded.has(r.versionId) })));
  const champions = models.filter((m) => m.alias === 'champion');
  // a champion in the registry that this process could not load is not served: not ready, whatever else is
  const ok = s.everRefreshed && champions.every((m) => m.loaded) && s.unservedChampions.length === 0;
  const detail = !s.everRefreshed ? (s.lastError ?? 'registry not read yet') : s.lastError ?? (champions.length ? `${champions.length} champion(s) loaded` : 'no champion registered yet');
  return { ok, detail, models };
}

/** Test hook: forget everything (as a fresh process would). */
export function resetServingCache(): void {
  const g = globalThis as unknown as Record<symbol, State | undefined>;
  g[KEY] = undefined;
}
