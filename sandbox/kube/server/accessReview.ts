// SelfSubjectAccessReview (`kubectl auth can-i`, and clients that ask before offering an action):
// everything is allowed except namespaced resources in the forbidden namespaces.
import type { RequestContext } from './context';
import { parseObjectBody, readBody, sendJson } from './httpIo';
import { badRequest } from './status';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

export async function serveAccessReview(ctx: RequestContext): Promise<void> {
  const body = parseObjectBody(await readBody(ctx.req));
  if (body.kind !== undefined && body.kind !== 'SelfSubjectAccessReview') {
    throw badRequest(`the kind in the data (${JSON.stringify(body.kind)}) does not match the expected kind (SelfSubjectAccessReview)`);
  }
  const spec = (body.spec ?? {}) as { resourceAttributes?: ResourceAttributes; nonResourceAttributes?: object };
  const attrs = spec.resourceAttributes;
  let allowed = true;
  if (attrs?.namespace && ctx.settings.forbiddenNamespaces.has(attrs.namespace)) {
    const info = ctx.resources.all().find((r) => r.plural === attrs.resource && (attrs.group === undefined || r.group === attrs.group));
    // RBAC gives no reason when no rule matches, so kubectl prints a bare "no".
    if (!info || info.namespaced) allowed = false;
  }
  const review = { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status: { allowed } };
  sendJson(ctx.res, 201, JSON.stringify(review));
}
