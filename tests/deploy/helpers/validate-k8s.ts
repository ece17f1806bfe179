/**
 * Validates Kubernetes objects against the Kubernetes (and Argo CD) OpenAPI schemas with `kubernetes-models`, plus
 * a strict pass the schemas lack: a field the schema does not define (a typo such as `livenesProbe`) is an error.
 */
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

interface ModelClass {
  new (data: never): { validate(): void };
  prototype: { validate(): void };
}

/** apiVersion/kind → model. A kind missing here fails validation, so a new kind gets a schema before it ships. */
const MODELS: Record<string, ModelClass> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/CronJob': CronJob,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'argoproj.io/v1alpha1/Application': Application,
};

/**
 * Wraps `root` in proxies that record which keys of each object the validator reads. The generated validators
 * read every property their schema defines and enumerate the keys of free-form maps (labels, data, limits…), so a
 * key never read, in an object never enumerated, is a field the schema does not know.
 */
function trackReads(root: object): { proxy: object; unknownFields: () => string[] } {
  const unread = new Map<string, Set<string>>();
  const enumerated = new Set<string>();
  const wrap = (value: object, at: string): object => {
    if (!Array.isArray(value)) unread.set(at, new Set(Object.keys(value)));
    return new Proxy(value, {
      get(target, key, receiver) {
        const v: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string') return v;
        unread.get(at)?.delete(key);
        return v !== null && typeof v === 'object' ? wrap(v, `${at}/${key}`) : v;
      },
      ownKeys(target) {
        enumerated.add(at);
        return Reflect.ownKeys(target);
      },
    });
  };
  return {
    proxy: wrap(root, ''),
    unknownFields: () => [...unread].filter(([at]) => !enumerated.has(at)).flatMap(([at, keys]) => [...keys].map((k) => `${at}/${k}`)),
  };
}

/** Throws an Error naming the object and every schema violation or unknown field. */
export function validateK8sObject(obj: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } }, where = ''): void {
  const label = `${where ? `${where}: ` : ''}${String(obj.kind)} ${String(obj.metadata?.name)}`;
  const Model = MODELS[`${String(obj.apiVersion)}/${String(obj.kind)}`];
  if (!Model) throw new Error(`${label}: no schema for ${String(obj.apiVersion)}/${String(obj.kind)} (add its kubernetes-models class)`);
  try {
    new Model(structuredClone(obj) as never).validate();
  } catch (err) {
    throw new Error(`${label}: ${(err as Error).message}`);
  }
  const tracked = trackReads(structuredClone(obj));
  Model.prototype.validate.call(tracked.proxy);
  const unknown = tracked.unknownFields();
  if (unknown.length) throw new Error(`${label}: fields not in the schema: ${unknown.join(', ')}`);
}
