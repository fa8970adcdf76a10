// /openapi/v3: just enough OpenAPI for kubectl. `kubectl apply/create` (validation on) ask it
// whether the server does field validation (a `fieldValidation` query parameter on the kind's
// PATCH operation); saying yes lets them skip client-side schema validation, which would need the
// full schemas. Strategic-merge patch content is not advertised, so `kubectl apply` computes its
// patches from its built-in types, exactly as with --validate=false. /openapi/v2 answers 404,
// which kubectl tolerates.
import { createHash } from 'node:crypto';
import type { RequestContext } from './context';
import { sendJson, sendText } from './httpIo';
import type { ResourceRegistry } from './resourceRegistry';
import { groupVersionString, sameGroupVersion, type GroupVersion, type ResourceInfo } from './resources';

const gvPath = (gv: GroupVersion) => (gv.group ? `apis/${gv.group}/${gv.version}` : `api/${gv.version}`);

const QUERY = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

function patchOperation(r: ResourceInfo): object {
  const json = { schema: { type: 'object' } };
  return {
    operationId: `patch${r.group ? r.group.split('.')[0] : 'core'}${r.version}${r.namespaced ? 'Namespaced' : ''}${r.kind}`,
    parameters: [QUERY('dryRun'), QUERY('fieldManager'), QUERY('fieldValidation'), QUERY('force')],
    requestBody: { content: { 'application/json-patch+json': json, 'application/merge-patch+json': json }, required: true },
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
  };
}

function gvDocument(registry: ResourceRegistry, gv: GroupVersion, gitVersion: string): string {
  const paths: Record<string, object> = {};
  for (const r of registry.all().filter((x) => sameGroupVersion(x, gv))) {
    const base = `/${gvPath(gv)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`;
    paths[base] = { patch: patchOperation(r) };
  }
  return JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes', version: gitVersion }, paths, components: { schemas: {} } });
}

const docs = new WeakMap<ResourceRegistry, Map<string, { body: string; hash: string }>>();

function document(registry: ResourceRegistry, gv: GroupVersion, gitVersion: string): { body: string; hash: string } {
  // Custom resources come and go: the cache is per registry and its generation.
  let cache = docs.get(registry);
  if (!cache) docs.set(registry, (cache = new Map()));
  const key = `${groupVersionString(gv)}@${gitVersion}#${registry.generation}`;
  let d = cache.get(key);
  if (!d) {
    const body = gvDocument(registry, gv, gitVersion);
    d = { body, hash: createHash('sha512').update(body).digest('hex').slice(0, 32).toUpperCase() };
    cache.set(key, d);
  }
  return d;
}

export function serveOpenApi(ctx: RequestContext, path: string): void {
  const gitVersion = ctx.settings.gitVersion;
  if (path === '/openapi/v3') {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const gv of ctx.resources.servedGroupVersions()) paths[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${document(ctx.resources, gv, gitVersion).hash}` };
    sendJson(ctx.res, 200, JSON.stringify({ paths }));
    return;
  }
  const gv = ctx.resources.servedGroupVersions().find((g) => path === `/openapi/v3/${gvPath(g)}`);
  if (!gv) {
    sendText(ctx.res, 404, '404 page not found\n');
    return;
  }
  sendJson(ctx.res, 200, document(ctx.resources, gv, gitVersion).body);
}
