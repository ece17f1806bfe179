/**
 * The deploy checkers themselves: the mini kustomize follows kustomize's patch semantics, and the validator
 * rejects what a broken manifest would contain (so a green manifests test means something).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyJson6902, buildKustomization, parseImage, readYamlDocuments, strategicMerge, type K8sObject } from './helpers/kustomize';
import { validateK8sObject } from './helpers/validate-k8s';

const deployment = (): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'churnlab',
            command: ['node', 'a.js'],
            env: [{ name: 'A', value: '1' }],
            ports: [{ name: 'http', containerPort: 3000 }],
            livenessProbe: { httpGet: { path: '/api/health', port: 'http' } },
            resources: { limits: { cpu: '1', memory: '1Gi' } },
          },
        ],
      },
    },
  },
});

describe('validateK8sObject', () => {
  it('accepts a valid object', () => {
    expect(() => validateK8sObject(deployment())).not.toThrow();
  });

  it('rejects wrong types, bad quantities and missing required fields', () => {
    const d = deployment() as never as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    d.spec.template.spec.containers[0].ports = [{ containerPort: '3000' }];
    expect(() => validateK8sObject(d as never)).toThrow(/containerPort must be integer/);
    const q = deployment() as never as typeof d;
    q.spec.template.spec.containers[0].resources = { limits: { memory: 'lots' } };
    expect(() => validateK8sObject(q as never)).toThrow(/memory/);
    const cj = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c' }] } } } } } };
    expect(() => validateK8sObject(cj)).toThrow(/schedule/);
  });

  it('rejects fields the schema does not define (a typo), wherever they sit', () => {
    const d = deployment() as never as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    d.spec.template.spec.containers[0].livenesProbe = d.spec.template.spec.containers[0].livenessProbe;
    expect(() => validateK8sObject(d as never)).toThrow(/fields not in the schema: \/spec\/template\/spec\/containers\/0\/livenesProbe/);
    const top = { ...deployment(), specs: {} };
    expect(() => validateK8sObject(top)).toThrow(/\/specs/);
  });

  it('rejects kinds it has no schema for', () => {
    expect(() => validateK8sObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toThrow(/no schema/);
  });
});

describe('strategicMerge', () => {
  it('merges maps, deletes on null, merges containers/env by name and replaces plain lists', () => {
    const base = deployment() as never;
    const patch = {
      metadata: { labels: { tier: 'x', app: null } },
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              { name: 'web', command: ['node', 'b.js'], env: [{ name: 'B', value: '2' }, { name: 'A', value: '9' }], resources: { limits: { cpu: '2' } } },
              { name: 'sidecar', image: 'busybox' },
            ],
          },
        },
      },
    };
    const out = strategicMerge(base, patch as never, []) as never as ReturnType<typeof deployment> & { spec: { replicas: number; template: { spec: { containers: Record<string, unknown>[] } } } };
    expect(out.metadata.labels).toEqual({ tier: 'x' });
    expect(out.spec.replicas).toBe(3);
    const [web, sidecar] = out.spec.template.spec.containers;
    expect(web.command).toEqual(['node', 'b.js']);
    expect(web.env).toEqual([{ name: 'A', value: '9' }, { name: 'B', value: '2' }]);
    expect(web.resources).toEqual({ limits: { cpu: '2', memory: '1Gi' } });
    expect(web.image).toBe('churnlab');
    expect(sidecar).toEqual({ name: 'sidecar', image: 'busybox' });
    // The input is untouched.
    expect((deployment().spec as { replicas?: number }).replicas).toBeUndefined();
  });

  it('refuses patch directives it does not implement', () => {
    expect(() => strategicMerge({ a: [] }, { a: [{ $patch: 'delete', name: 'x' }] } as never, [])).toThrow();
    expect(() => strategicMerge({ a: 1 }, { $patch: 'replace' } as never, [])).toThrow(/not supported/);
  });
});

describe('applyJson6902', () => {
  it('adds, replaces, removes and tests; a missing path throws', () => {
    const doc = { spec: { rules: [{ host: 'a' }], tls: [] as unknown[] } };
    const out = applyJson6902(doc as never, [
      { op: 'test', path: '/spec/rules/0/host', value: 'a' },
      { op: 'replace', path: '/spec/rules/0/host', value: 'b' },
      { op: 'add', path: '/spec/tls/-', value: { secretName: 's' } },
      { op: 'add', path: '/spec/a~1b', value: 1 },
      { op: 'remove', path: '/spec/rules/0' },
    ]);
    expect(out).toEqual({ spec: { rules: [], tls: [{ secretName: 's' }], 'a/b': 1 } });
    expect(() => applyJson6902(doc as never, [{ op: 'replace', path: '/spec/nope', value: 1 }])).toThrow(/does not exist/);
    expect(() => applyJson6902(doc as never, [{ op: 'test', path: '/spec/rules/0/host', value: 'z' }])).toThrow(/test/);
    expect(() => applyJson6902(doc as never, [{ op: 'move', path: '/spec', from: '/x' }])).toThrow(/not supported/);
  });
});

describe('parseImage', () => {
  it('splits registry ports, tags and digests', () => {
    expect(parseImage('churnlab')).toEqual({ name: 'churnlab', digest: undefined });
    expect(parseImage('reg:5000/a/b:1.2')).toEqual({ name: 'reg:5000/a/b', tag: '1.2', digest: undefined });
    expect(parseImage('reg:5000/a/b@sha256:00')).toEqual({ name: 'reg:5000/a/b', digest: 'sha256:00' });
  });
});

describe('buildKustomization', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'churnlab-kustomize-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    const p = path.join(dir, rel);
    rmSync(p, { force: true });
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
    return p;
  };

  it('builds a base through an overlay: namespace, images, strategic and JSON 6902 patches', () => {
    write('base/kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\n');
    write('base/deploy.yaml', JSON.stringify(deployment()));
    write('o/kustomization.yaml', 'kind: Kustomization\nnamespace: n\nresources: [../base]\nimages: [{name: churnlab, newName: reg/churnlab, newTag: "1.0"}]\npatches:\n  - path: p.yaml\n  - path: j.yaml\n    target: {kind: Deployment, name: web}\n');
    write('o/p.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n');
    write('o/j.yaml', '- op: add\n  path: /metadata/annotations\n  value: {a: b}\n');
    const [d] = buildKustomization(path.join(dir, 'o'));
    expect(d.metadata).toMatchObject({ name: 'web', namespace: 'n', annotations: { a: 'b' } });
    expect((d.spec as { replicas: number }).replicas).toBe(2);
    expect(JSON.stringify(d)).toContain('"image":"reg/churnlab:1.0"');
  });

  it('fails on a patch that matches nothing, an unsupported field, a duplicate or a YAML error', () => {
    write('o/p.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: webb}\nspec: {replicas: 2}\n');
    expect(() => buildKustomization(path.join(dir, 'o'))).toThrow(/matches no resource/);
    write('u/kustomization.yaml', 'kind: Kustomization\nresources: [../base]\ncommonLabels: {a: b}\n');
    expect(() => buildKustomization(path.join(dir, 'u'))).toThrow(/"commonLabels" is not supported/);
    write('d/kustomization.yaml', 'kind: Kustomization\nresources: [../base/deploy.yaml, ../base/deploy.yaml]\n');
    expect(() => buildKustomization(path.join(dir, 'd'))).toThrow(/duplicate/);
    const bad = write('bad.yaml', 'a: 1\n  b: 2\n');
    expect(() => readYamlDocuments(bad)).toThrow(/bad\.yaml/);
    const dup = write('dup.yaml', 'a: 1\na: 2\n');
    expect(() => readYamlDocuments(dup)).toThrow();
  });
});
