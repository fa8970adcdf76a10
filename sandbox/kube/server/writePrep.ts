// Shared steps of every write: type meta checks, dropping fields clients may not set, keeping
// status out of main-resource writes, defaulting and validation, dryRun.
import { randomUUID } from 'node:crypto';
import { generateJobSelector } from '../controllers/jobShape';
import { randomSuffix } from '../store/objectStore';
import type { KubeObject } from '../store/types';
import { applyDefaults } from './defaults';
import { groupVersionString, type ResourceInfo } from './resources';
import { badRequest } from './status';
import { validateObject } from './validation';

export function isDryRun(q: URLSearchParams): boolean {
  const v = q.getAll('dryRun');
  if (v.some((x) => x !== 'All' && x !== '')) throw badRequest(`dryRun: Unsupported value: "${v.join(',')}": supported values: "All"`);
  return v.includes('All');
}

/** Fills kind/apiVersion when missing and rejects a body of another kind, as the decoder does. */
export function checkTypeMeta(info: ResourceInfo, obj: Record<string, unknown>): KubeObject {
  const gv = groupVersionString(info);
  if (obj.apiVersion === undefined || obj.apiVersion === '') obj.apiVersion = gv;
  if (obj.kind === undefined || obj.kind === '') obj.kind = info.kind;
  if (obj.apiVersion !== gv) throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${gv})`);
  if (obj.kind !== info.kind) throw badRequest(`the kind in the data (${String(obj.kind)}) does not match the expected kind (${info.kind})`);
  if (typeof obj.metadata !== 'object' || obj.metadata === null || Array.isArray(obj.metadata)) obj.metadata = {};
  return obj as KubeObject;
}

/** The namespace in the body must agree with the URL's; an empty one takes the URL's. */
export function checkNamespace(info: ResourceInfo, obj: KubeObject, namespace: string | undefined): void {
  if (!info.namespaced) {
    delete obj.metadata.namespace;
    return;
  }
  if (obj.metadata.namespace && namespace && obj.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (namespace) obj.metadata.namespace = namespace;
}

/** Prepares a new object for the store (which fills uid, resourceVersion, creationTimestamp, generation). */
export function prepareCreate(info: ResourceInfo, obj: KubeObject, namespace: string | undefined): KubeObject {
  checkNamespace(info, obj, namespace);
  const m = obj.metadata;
  delete m.uid;
  delete m.resourceVersion;
  delete m.generation;
  delete m.deletionTimestamp;
  delete m.managedFields;
  delete m.creationTimestamp;
  // A custom resource with a status subresource starts without status: only /status writes it.
  if (info.resource.includes('.') && info.hasStatus) delete obj.status;
  applyDefaults(info.resource, obj);
  // A Job's selector and pod labels name its uid, so the uid is chosen here and the store keeps it (job strategy).
  if (info.resource === 'jobs') {
    m.uid = randomUUID();
    if (!m.name && m.generateName) m.name = m.generateName + randomSuffix();
    generateJobSelector(obj, m.uid);
  }
  validateObject(info, obj);
  return obj;
}

/**
 * Prepares a replacement of `current`. Writes to the main resource keep the stored status (the
 * status subresource owns it); writes to `status` keep everything but the status.
 */
export function prepareUpdate(info: ResourceInfo, obj: KubeObject, current: KubeObject, subresource?: 'status'): KubeObject {
  const name = current.metadata.name;
  if (obj.metadata.name && obj.metadata.name !== name) {
    throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
  }
  checkNamespace(info, obj, current.metadata.namespace);
  if (subresource === 'status') {
    const next = structuredClone(current);
    if (obj.status !== undefined) next.status = obj.status;
    else delete next.status;
    if (obj.metadata.resourceVersion) next.metadata.resourceVersion = obj.metadata.resourceVersion;
    return next;
  }
  obj.metadata.name = name;
  if (info.hasStatus) {
    if (current.status !== undefined) obj.status = structuredClone(current.status);
    else delete obj.status;
  }
  // Not client-settable; the store keeps uid/creationTimestamp and computes generation.
  obj.metadata.generation = current.metadata.generation;
  delete obj.metadata.managedFields;
  if (current.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
  else delete obj.metadata.deletionTimestamp;
  applyDefaults(info.resource, obj, current);
  validateObject(info, obj, current);
  return obj;
}
