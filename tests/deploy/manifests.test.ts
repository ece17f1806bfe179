/**
 * k8s/: every YAML parses and validates against the Kubernetes / Argo CD schemas; the base and each overlay
 * build (tests/deploy/helpers/kustomize.ts) into a consistent, validating set of objects; the CronJobs agree with
 * lib/pipeline/schedules.ts; nothing secret ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SCHEDULE_KINDS, SCHEDULES, isScheduleKind } from '@/lib/pipeline/schedules';
import { parseEnv } from '@/lib/server/env';
import { buildKustomization, containersOf, idOf, parseImage, readKustomization, readYamlDocuments, type K8sObject } from './helpers/kustomize';
import { validateK8sObject } from './helpers/validate-k8s';

const K8S = path.resolve('k8s');
const BASE = path.join(K8S, 'base');
const OVERLAYS = { dev: path.join(K8S, 'overlays/dev'), prod: path.join(K8S, 'overlays/prod') };
const SECRET_NAME = 'churnlab-secrets';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}
const rel = (p: string) => path.relative(process.cwd(), p);
const isPatchFile = (p: string) => p.split(path.sep).includes('patches');
const isKustomization = (p: string) => /kustomization\.ya?ml$/.test(p);

type Obj = Record<string, unknown>;
const get = (o: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((v, k) => (v as Obj | undefined)?.[k as string], o);

function podSpecOf(o: K8sObject): Obj {
  if (o.kind === 'CronJob') return get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec') as Obj;
  return get(o, 'spec', 'template', 'spec') as Obj;
}
const jobSpecOf = (o: K8sObject): Obj => (o.kind === 'CronJob' ? get(o, 'spec', 'jobTemplate', 'spec') : o.spec) as Obj;
const scheduleKindOf = (o: K8sObject) => o.metadata.labels?.['churnlab.io/schedule-kind'];
const commandOf = (c: Obj) => [...((c.command as string[]) ?? []), ...((c.args as string[]) ?? [])];

/** `npm run job -- <job> [--flag value]…` → job name and flags. */
function parseJobCommand(argv: string[]): { job: string; flags: Map<string, string> } {
  const dashdash = argv.indexOf('--');
  expect(argv.slice(0, dashdash), `"${argv.join(' ')}" runs scripts/job.ts through npm`).toEqual(['npm', 'run', 'job']);
  const [job, ...rest] = argv.slice(dashdash + 1);
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    expect(rest[i], `"${argv.join(' ')}": flags come in --name value pairs`).toMatch(/^--[a-z-]+$/);
    flags.set(rest[i].slice(2), rest[i + 1]);
  }
  return { job, flags };
}

const exampleSecret = readYamlDocuments(path.join(BASE, 'secret.example.yaml'))[0] as K8sObject & { stringData: Record<string, string> };

describe('every YAML file under k8s/', () => {
  const files = yamlFiles(K8S);

  it('parses (all documents), and there is something to check', () => {
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) expect(readYamlDocuments(f).length, rel(f)).toBeGreaterThan(0);
  });

  it('means the same to YAML 1.1 parsers (kubectl, kustomize): no bare on/off/yes/no or octal-looking values', () => {
    for (const f of files) {
      const as = (version: '1.1' | '1.2') => parseAllDocuments(readFileSync(f, 'utf8'), { version }).map((d) => d.toJS());
      expect(as('1.1'), rel(f)).toEqual(as('1.2'));
    }
  });

  it('validates against the Kubernetes and Argo CD schemas (patches excepted: they are partial)', () => {
    const checked = new Set<string>();
    for (const f of files.filter((p) => !isPatchFile(p) && !isKustomization(p))) {
      for (const doc of readYamlDocuments(f)) {
        validateK8sObject(doc as K8sObject, rel(f));
        checked.add(`${(doc as K8sObject).apiVersion}/${(doc as K8sObject).kind}`);
      }
    }
    expect([...checked].sort()).toEqual(
      expect.arrayContaining(['apps/v1/Deployment', 'autoscaling/v2/HorizontalPodAutoscaler', 'batch/v1/CronJob', 'networking.k8s.io/v1/Ingress', 'policy/v1/PodDisruptionBudget', 'v1/ConfigMap', 'v1/Service', 'argoproj.io/v1alpha1/Application']),
    );
  });
});

describe.each([
  ['base', BASE],
  ['dev', OVERLAYS.dev],
  ['prod', OVERLAYS.prod],
])('kustomize build k8s/%s', (name, dir) => {
  // Built inside the tests (not at collection) so a broken overlay is a failing test with the builder's message.
  let objects: K8sObject[] = [];
  let namespace: string | undefined;
  let pods: K8sObject[] = [];
  const byId = (kind: string, n: string) => objects.find((o) => o.kind === kind && o.metadata.name === n);
  beforeAll(() => {
    namespace = readKustomization(dir).namespace;
    objects = buildKustomization(dir);
    pods = objects.filter((o) => ['Deployment', 'CronJob', 'Job'].includes(o.kind));
  });

  it('builds objects that all validate', () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) validateK8sObject(o, `k8s/${name}`);
  });

  it('puts everything in the overlay namespace and maps the image to a tagged registry image', () => {
    for (const o of objects) if (o.kind !== 'Namespace') expect(o.metadata.namespace, idOf(o)).toBe(namespace);
    for (const c of objects.flatMap(containersOf)) {
      if (name === 'base') expect(c.image).toBe('churnlab');
      else expect(parseImage(c.image as string), `${c.name as string}: ${c.image as string}`).toMatchObject({ name: 'ghcr.io/churnlab/churnlab', tag: expect.stringMatching(/^(?!latest$)[\w.-]+$/) });
    }
  });

  it('has the web app, worker, service, ingress, HPA, PDB, config and one CronJob per schedule kind, and no Secret', () => {
    for (const [kind, n] of [
      ['Deployment', 'churnlab-web'],
      ['Deployment', 'churnlab-worker'],
      ['Service', 'churnlab-web'],
      ['Ingress', 'churnlab-web'],
      ['HorizontalPodAutoscaler', 'churnlab-web'],
      ['PodDisruptionBudget', 'churnlab-web'],
      ['ConfigMap', 'churnlab-config'],
      ['PersistentVolumeClaim', 'churnlab-data'],
    ]) {
      expect(byId(kind, n), `${kind}/${n}`).toBeDefined();
    }
    const kinds = objects.filter((o) => o.kind === 'CronJob').map(scheduleKindOf);
    expect(kinds.sort()).toEqual([...SCHEDULE_KINDS].sort());
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('web: probes on /api/health and /api/ready, no replicas (the HPA owns them)', () => {
    const web = byId('Deployment', 'churnlab-web')!;
    const c = (podSpecOf(web).containers as Obj[])[0];
    expect(get(c, 'livenessProbe', 'httpGet', 'path')).toBe('/api/health');
    expect(get(c, 'startupProbe', 'httpGet', 'path')).toBe('/api/health');
    expect(get(c, 'readinessProbe', 'httpGet', 'path')).toBe('/api/ready');
    expect(get(web, 'spec', 'replicas')).toBeUndefined();
    const hpa = byId('HorizontalPodAutoscaler', 'churnlab-web')!;
    expect(get(hpa, 'spec', 'scaleTargetRef')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'churnlab-web' });
    expect(get(hpa, 'spec', 'minReplicas') as number).toBeLessThanOrEqual(get(hpa, 'spec', 'maxReplicas') as number);
  });

  it('references only what exists: selectors, service ports, config maps, volumes, secret keys, $(VARS)', () => {
    const webLabels = get(byId('Deployment', 'churnlab-web'), 'spec', 'template', 'metadata', 'labels');
    const svc = byId('Service', 'churnlab-web')!;
    expect(webLabels).toMatchObject(get(svc, 'spec', 'selector') as Obj);
    expect(webLabels).toMatchObject(get(byId('PodDisruptionBudget', 'churnlab-web'), 'spec', 'selector', 'matchLabels') as Obj);
    for (const rule of get(byId('Ingress', 'churnlab-web'), 'spec', 'rules') as Obj[]) {
      for (const p of get(rule, 'http', 'paths') as Obj[]) {
        expect(get(p, 'backend', 'service', 'name')).toBe('churnlab-web');
        expect((get(svc, 'spec', 'ports') as Obj[]).map((x) => x.name)).toContain(get(p, 'backend', 'service', 'port', 'name'));
      }
    }
    const config = byId('ConfigMap', 'churnlab-config')!.data as Record<string, string>;
    for (const o of pods) {
      const spec = podSpecOf(o);
      expect(get(spec, 'securityContext', 'runAsNonRoot'), idOf(o)).toBe(true);
      const volumes = new Map(((spec.volumes as Obj[]) ?? []).map((v) => [v.name as string, v]));
      for (const v of volumes.values()) if (v.persistentVolumeClaim) expect(byId('PersistentVolumeClaim', get(v, 'persistentVolumeClaim', 'claimName') as string), idOf(o)).toBeDefined();
      for (const c of containersOf(spec)) {
        const where = `${idOf(o)} container ${c.name as string}`;
        expect(get(c, 'securityContext', 'readOnlyRootFilesystem'), where).toBe(true);
        expect(get(c, 'securityContext', 'allowPrivilegeEscalation'), where).toBe(false);
        expect(get(c, 'resources', 'requests'), where).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
        expect(get(c, 'resources', 'limits'), where).toMatchObject({ cpu: expect.anything(), memory: expect.anything() });
        for (const m of (c.volumeMounts as Obj[]) ?? []) expect(volumes.has(m.name as string), `${where} mounts ${m.name as string}`).toBe(true);
        // A read-only root needs a writable /tmp (tsx's cache, npm's logs).
        expect(((c.volumeMounts as Obj[]) ?? []).map((m) => m.mountPath), where).toContain('/tmp');
        const defined = new Set<string>();
        for (const from of (c.envFrom as Obj[]) ?? []) {
          expect(get(from, 'configMapRef', 'name'), where).toBe('churnlab-config');
          Object.keys(config).forEach((k) => defined.add(k));
        }
        for (const e of (c.env as Obj[]) ?? []) {
          defined.add(e.name as string);
          const ref = get(e, 'valueFrom', 'secretKeyRef') as Obj | undefined;
          if (ref) {
            expect(ref.name, where).toBe(SECRET_NAME);
            expect(Object.keys(exampleSecret.stringData), where).toContain(ref.key);
          }
        }
        for (const arg of commandOf(c)) for (const [, v] of arg.matchAll(/\$\(([A-Z_][A-Z0-9_]*)\)/g)) expect(defined.has(v), `${where}: $(${v}) is defined`).toBe(true);
      }
    }
  });

  it('the ConfigMap plus the example Secret is a valid ChurnLab environment (lib/server/env.ts)', () => {
    const config = byId('ConfigMap', 'churnlab-config')!.data as Record<string, string>;
    const env = parseEnv({ ...config, ...exampleSecret.stringData, NODE_ENV: 'production' });
    expect(env.DATA_DIR).toBe('/data');
    for (const o of pods) {
      for (const c of containersOf(podSpecOf(o))) for (const m of (c.volumeMounts as Obj[]) ?? []) if (m.name === 'data') expect(m.mountPath).toBe(env.DATA_DIR);
    }
  });

  it('each CronJob runs its schedule kind’s job at the default schedule, one run at a time, with limits', () => {
    for (const cj of objects.filter((o) => o.kind === 'CronJob')) {
      const kind = scheduleKindOf(cj);
      expect(kind && isScheduleKind(kind), `${idOf(cj)} has a churnlab.io/schedule-kind label`).toBe(true);
      const def = SCHEDULES[kind as keyof typeof SCHEDULES];
      const spec = cj.spec as Obj;
      expect(spec.schedule, idOf(cj)).toBe(def.defaultCron);
      expect(spec).toMatchObject({ concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: expect.any(Number), failedJobsHistoryLimit: expect.any(Number), startingDeadlineSeconds: expect.any(Number) });
      expect(jobSpecOf(cj).backoffLimit, idOf(cj)).toEqual(expect.any(Number));
      expect(get(podSpecOf(cj), 'restartPolicy')).toMatch(/^(Never|OnFailure)$/);
      const [container, ...more] = podSpecOf(cj).containers as Obj[];
      expect(more).toEqual([]);
      const { job, flags } = parseJobCommand(commandOf(container));
      expect(job, idOf(cj)).toBe(def.job);
      expect(flags.get('project'), idOf(cj)).toBe('$(CHURNLAB_PROJECT)');
    }
  });

  it('nightly scoring is an Indexed Job: shard = JOB_COMPLETION_INDEX, shards = completions', () => {
    const indexed = pods.filter((o) => jobSpecOf(o)?.completionMode === 'Indexed');
    expect(indexed.map(scheduleKindOf)).toEqual(['nightly-score']);
    for (const o of indexed) {
      const spec = jobSpecOf(o);
      const { job, flags } = parseJobCommand(commandOf((podSpecOf(o).containers as Obj[])[0]));
      expect(job).toBe('batch-score');
      expect(flags.get('shard')).toBe('$(JOB_COMPLETION_INDEX)');
      expect(Number(flags.get('shards')), idOf(o)).toBe(spec.completions);
      expect(spec.parallelism as number).toBeLessThanOrEqual(spec.completions as number);
    }
  });
});

describe('secrets and GitOps', () => {
  it('ships only an example Secret with placeholders, listed in no kustomization', () => {
    expect(exampleSecret).toMatchObject({ kind: 'Secret', metadata: { name: SECRET_NAME } });
    expect(Object.keys(exampleSecret.stringData).sort()).toEqual(['AUTH_SECRET', 'CRON_SECRET', 'DATABASE_URL']);
    for (const v of Object.values(exampleSecret.stringData)) expect(v).toMatch(/CHANGE-ME/);
    for (const f of yamlFiles(K8S).filter(isKustomization)) {
      const k = readKustomization(path.dirname(f));
      const listed = [...(k.resources ?? []), ...(k.patches ?? []).map((p) => p.path ?? '')];
      expect(listed.filter((r) => /secret/i.test(r)), rel(f)).toEqual([]);
    }
    for (const f of yamlFiles(K8S).filter((p) => !p.endsWith('secret.example.yaml'))) {
      for (const doc of readYamlDocuments(f)) expect((doc as K8sObject).kind, rel(f)).not.toBe('Secret');
    }
  });

  it('the Argo CD Application syncs k8s/overlays/prod automatically (prune, selfHeal) into its namespace', () => {
    const [app, ...more] = readYamlDocuments(path.join(K8S, 'argocd/application.yaml')) as K8sObject[];
    expect(more).toEqual([]);
    validateK8sObject(app, 'k8s/argocd/application.yaml');
    expect(get(app, 'spec', 'source', 'path')).toBe('k8s/overlays/prod');
    expect(readKustomization(path.resolve(get(app, 'spec', 'source', 'path') as string)).namespace).toBe(get(app, 'spec', 'destination', 'namespace'));
    expect(get(app, 'spec', 'syncPolicy', 'automated')).toMatchObject({ prune: true, selfHeal: true });
  });
});
