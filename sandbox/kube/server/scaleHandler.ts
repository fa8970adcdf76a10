// The scale subresource of deployments and replicasets: GET answers an autoscaling/v1 Scale,
// PUT and PATCH (any of the three patch types, applied to the Scale) change spec.replicas.
import type { KubeObject } from '../store/types';
import type { RequestContext } from './context';
import { parseObjectBody, readBody, sendJson } from './httpIo';
import { applyPatch, parsePatchBody, patchTypeOf } from './patch/applyPatch';
import type { JsonObject } from './patch/patchTypes';
import type { ResourceRoute } from './router';
import { labelSelectorString, type LabelSelectorObject } from './selectors/labelSelector';
import { badRequest, conflict, notFound, toApiError } from './status';
import { validateScale } from './validation';
import { isDryRun } from './writePrep';

interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export function toScale(obj: KubeObject): Scale {
  const m = obj.metadata;
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: LabelSelectorObject };
  const status = (obj.status ?? {}) as { replicas?: number };
  const selector = labelSelectorString(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 },
    status: selector ? { replicas: status.replicas ?? 0, selector } : { replicas: status.replicas ?? 0 },
  };
}

export async function serveScale(ctx: RequestContext, route: ResourceRoute): Promise<void> {
  const info = route.info;
  const name = route.name!;
  const store = ctx.cluster.store;
  const method = ctx.req.method;
  const body = method === 'PUT' || method === 'PATCH' ? await readBody(ctx.req) : '';
  const current = store.get(info.resource, route.namespace, name);
  if (!current) throw notFound(info, name);
  const scale = toScale(current);
  if (method === 'GET') {
    sendJson(ctx.res, 200, JSON.stringify(scale));
    return;
  }
  let wanted: Record<string, unknown>;
  if (method === 'PUT') {
    wanted = parseObjectBody(body);
    if (wanted.kind !== undefined && wanted.kind !== 'Scale') throw badRequest(`the kind in the data (${JSON.stringify(wanted.kind)}) does not match the expected kind (Scale)`);
  } else {
    wanted = applyPatch(patchTypeOf(ctx.req.headers['content-type']), scale as unknown as JsonObject, parsePatchBody(body));
  }
  const meta = (wanted.metadata ?? {}) as { resourceVersion?: string; name?: string };
  if (meta.name && meta.name !== name) throw badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
  if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) throw conflict(info, name);
  const replicas = (wanted.spec as { replicas?: unknown } | undefined)?.replicas;
  validateScale(name, replicas);
  const next = structuredClone(current);
  next.spec = { ...(next.spec ?? {}), replicas: replicas as number };
  if (isDryRun(ctx.query)) {
    sendJson(ctx.res, 200, JSON.stringify(toScale(next)));
    return;
  }
  let updated: KubeObject;
  try {
    updated = store.update(info.resource, next);
  } catch (e) {
    throw toApiError(e, info, name);
  }
  sendJson(ctx.res, 200, JSON.stringify(toScale(updated)));
}
