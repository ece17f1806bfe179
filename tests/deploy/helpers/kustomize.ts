/**
 * A small, strict kustomize (no kustomize binary here): enough of `kustomize build` for k8s/ — `resources` (files
 * and directories), `namespace`, `images`, and `patches` (strategic merge, or JSON 6902 when the patch is a list of
 * operations). Any other kustomization field, or a patch that matches nothing, throws: a manifest that uses more
 * of kustomize than this builder understands fails the tests instead of being built wrongly.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every non-empty document of a YAML file; throws on any parse error or warning, naming the file. */
export function readYamlDocuments(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const out: unknown[] = [];
  for (const doc of docs) {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length) throw new Error(`${file}: ${problems.map((e) => e.message).join('; ')}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function asK8sObject(value: unknown, where: string): K8sObject {
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !isObject(value.metadata) || typeof value.metadata.name !== 'string') {
    throw new Error(`${where}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
  }
  return value as unknown as K8sObject;
}

export const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
export const idOf = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? '~'}/${o.metadata.name}`;

/** Kinds that take no namespace (of those a kustomization here could hold). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition', 'PriorityClass', 'IngressClass']);

const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}
interface PatchEntry {
  path?: string;
  patch?: string;
  target?: { group?: string; version?: string; kind?: string; name?: string; namespace?: string };
}
interface Kustomization {
  resources?: string[];
  namespace?: string;
  images?: ImageEntry[];
  patches?: PatchEntry[];
}

/** The kustomization.yaml of a directory, checked for fields this builder does not implement. */
export function readKustomization(dir: string): Kustomization {
  const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${dir}: no kustomization.yaml`);
  const [doc, ...rest] = readYamlDocuments(file);
  if (rest.length || !isObject(doc)) throw new Error(`${file}: must be one YAML mapping`);
  for (const key of Object.keys(doc)) if (!KUSTOMIZATION_FIELDS.has(key)) throw new Error(`${file}: field "${key}" is not supported by the test builder`);
  if (doc.kind !== 'Kustomization') throw new Error(`${file}: kind must be Kustomization`);
  return doc as unknown as Kustomization;
}

/** `kustomize build dir`: the objects, in resource order. */
export function buildKustomization(dir: string): K8sObject[] {
  const k = readKustomization(dir);
  let objects: K8sObject[] = [];
  for (const res of k.resources ?? []) {
    if (/^[a-z]+:\/\//i.test(res)) throw new Error(`${dir}: remote resource "${res}" is not supported`);
    const p = path.resolve(dir, res);
    if (!existsSync(p)) throw new Error(`${dir}: resource "${res}" does not exist`);
    if (statSync(p).isDirectory()) objects.push(...buildKustomization(p));
    else objects.push(...readYamlDocuments(p).map((d, i) => asK8sObject(d, `${p}#${i}`)));
  }
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(idOf(o))) throw new Error(`${dir}: duplicate resource ${idOf(o)}`);
    seen.add(idOf(o));
  }
  for (const entry of k.patches ?? []) objects = applyPatchEntry(objects, entry, dir);
  if (k.namespace) for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  for (const image of k.images ?? []) setImage(objects, image);
  return objects;
}

function applyPatchEntry(objects: K8sObject[], entry: PatchEntry, dir: string): K8sObject[] {
  if ((entry.path === undefined) === (entry.patch === undefined)) throw new Error(`${dir}: a patch needs exactly one of path or patch`);
  const where = entry.path ? path.resolve(dir, entry.path) : `${dir} (inline patch)`;
  const docs = entry.path ? readYamlDocuments(where) : parseAllDocuments(entry.patch!).map((d) => d.toJS());
  if (docs.length !== 1) throw new Error(`${where}: one patch per file`);
  const patch = docs[0];
  const matches = (o: K8sObject) => {
    const t = entry.target;
    if (t) {
      const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
      return (t.group === undefined || t.group === group) && (t.version === undefined || t.version === version) && (t.kind === undefined || t.kind === o.kind) && (t.name === undefined || t.name === o.metadata.name) && (t.namespace === undefined || t.namespace === o.metadata.namespace);
    }
    const p = asK8sObject(patch, where);
    return p.kind === o.kind && p.metadata.name === o.metadata.name && groupOf(p.apiVersion) === groupOf(o.apiVersion);
  };
  const hits = objects.filter(matches);
  if (hits.length === 0) throw new Error(`${where}: patch matches no resource`);
  return objects.map((o) => {
    if (!hits.includes(o)) return o;
    const patched = Array.isArray(patch) ? applyJson6902(o as unknown as Json, patch as Json[], where) : strategicMerge(o as unknown as Json, patch as Json, [], where);
    return asK8sObject(patched, where);
  });
}

/** Merge keys of the lists the strategic merge patches here touch (k8s.io/api `patchMergeKey`); others are replaced. */
function mergeKeyOf(pathSoFar: string[], field: string): string | undefined {
  if (field === 'containers' || field === 'initContainers' || field === 'ephemeralContainers' || field === 'env' || field === 'volumes' || field === 'imagePullSecrets') return 'name';
  if (field === 'volumeMounts') return 'mountPath';
  // Container ports merge on containerPort, Service ports on port.
  if (field === 'ports') return pathSoFar.includes('containers') || pathSoFar.includes('initContainers') ? 'containerPort' : 'port';
  return undefined;
}

/** Strategic merge patch: maps merge (null deletes), keyed lists merge by key, other lists and scalars replace. */
export function strategicMerge(base: Json, patch: Json, at: string[], where = 'patch'): Json {
  if (at.length === 0) assertNoDirectives(patch, [], where);
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(base) ? structuredClone(base) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete out[key];
      continue;
    }
    const mergeKey = Array.isArray(value) ? mergeKeyOf(at, key) : undefined;
    if (mergeKey && Array.isArray(value) && Array.isArray(out[key])) {
      const list = structuredClone(out[key] as Json[]);
      for (const item of value) {
        if (!isObject(item) || item[mergeKey] === undefined) throw new Error(`${where}: items of /${[...at, key].join('/')} need "${mergeKey}"`);
        const i = list.findIndex((e) => isObject(e) && e[mergeKey] === item[mergeKey]);
        if (i >= 0) list[i] = strategicMerge(list[i], item, [...at, key], where);
        else list.push(structuredClone(item));
      }
      out[key] = list;
    } else if (isObject(value)) {
      out[key] = strategicMerge(out[key] ?? null, value, [...at, key], where);
    } else {
      out[key] = structuredClone(value);
    }
  }
  return out;
}

function assertNoDirectives(v: Json, at: string[], where: string): void {
  if (Array.isArray(v)) v.forEach((x, i) => assertNoDirectives(x, [...at, String(i)], where));
  else if (isObject(v)) {
    for (const [k, child] of Object.entries(v)) {
      if (k.startsWith('$')) throw new Error(`${where}: patch directive "${k}" at /${at.join('/')} is not supported`);
      assertNoDirectives(child, [...at, k], where);
    }
  }
}

function pointer(p: string, where: string): string[] {
  if (!p.startsWith('/')) throw new Error(`${where}: JSON pointer "${p}" must start with /`);
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** JSON 6902 (add, remove, replace, test); a missing path throws like kustomize does. */
export function applyJson6902(doc: Json, ops: Json[], where = 'patch'): Json {
  const root = structuredClone(doc);
  for (const op of ops) {
    if (!isObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') throw new Error(`${where}: each operation needs op and path`);
    const parts = pointer(op.path, where);
    const last = parts.pop()!;
    let parent: Json = root;
    for (const p of parts) {
      const next: Json | undefined = Array.isArray(parent) ? parent[Number(p)] : isObject(parent) ? parent[p] : undefined;
      if (next === undefined) throw new Error(`${where}: ${op.op} ${op.path}: /${parts.join('/')} does not exist`);
      parent = next;
    }
    const has = Array.isArray(parent) ? Number(last) >= 0 && Number(last) < parent.length : isObject(parent) && last in parent;
    if (op.op === 'add') {
      if (op.value === undefined) throw new Error(`${where}: add ${op.path} needs a value`);
      if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(op.value));
      else if (isObject(parent)) parent[last] = structuredClone(op.value);
      else throw new Error(`${where}: add ${op.path}: parent is not a container`);
    } else if (op.op === 'replace' || op.op === 'remove' || op.op === 'test') {
      if (!has) throw new Error(`${where}: ${op.op} ${op.path}: path does not exist`);
      const container = parent as JsonObject & Json[];
      const key = Array.isArray(parent) ? Number(last) : last;
      if (op.op === 'replace') {
        if (op.value === undefined) throw new Error(`${where}: replace ${op.path} needs a value`);
        container[key as never] = structuredClone(op.value) as never;
      } else if (op.op === 'remove') {
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete (parent as JsonObject)[last];
      } else if (JSON.stringify(container[key as never]) !== JSON.stringify(op.value)) {
        throw new Error(`${where}: test ${op.path} failed`);
      }
    } else {
      throw new Error(`${where}: operation "${op.op}" is not supported`);
    }
  }
  return root;
}

/** Splits `registry:5000/repo/name:tag@sha256:…` into name, tag and digest. */
export function parseImage(ref: string): { name: string; tag?: string; digest?: string } {
  const [rest, digest] = ref.split('@');
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

/** Every container and init container of every pod template (Deployment, Job, CronJob…), wherever it sits. */
export function containersOf(o: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        if ((k === 'containers' || k === 'initContainers') && Array.isArray(child)) out.push(...child.filter(isObject));
        else walk(child);
      }
    }
  };
  walk(o);
  return out;
}

function setImage(objects: K8sObject[], entry: ImageEntry): void {
  for (const c of objects.flatMap(containersOf)) {
    if (typeof c.image !== 'string') continue;
    const img = parseImage(c.image);
    if (img.name !== entry.name) continue;
    const name = entry.newName ?? img.name;
    if (entry.digest) c.image = `${name}@${entry.digest}`;
    else c.image = `${name}${entry.newTag ?? img.tag ? `:${entry.newTag ?? img.tag}` : ''}${!entry.newTag && img.digest ? `@${img.digest}` : ''}`;
  }
}
