// The canary's objects beside a deployment, and every reason it cannot start: images, containers,
// selectors that would leak traffic, missing Service or Ingress, a canary already running.
import assert from 'node:assert/strict';
import type { V1Deployment, V1Ingress, V1Service } from '@kubernetes/client-node';
import { findRoute, imageProblem, planCanaryObjects, promotedTemplate, type CanaryObjectsPlan, type Route } from '../../../../src/domain/rollouts/canaryObjects';
import { decodeChecks, decodeState, encodeChecks, encodeState, MAX_CHECKS_KEPT, STATE_ANNOTATION } from '../../../../src/domain/rollouts/rolloutState';
import { runningState } from './rolloutFixtures';

const NS = 'phoenix-system';
function primary(selector: Record<string, string> = { app: 'platform-api', track: 'primary' }): V1Deployment {
  return {
    metadata: { name: 'platform-api', namespace: NS, labels: { app: 'platform-api', track: 'primary' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: selector },
      template: { metadata: { labels: { app: 'platform-api', track: 'primary' } }, spec: { containers: [{ name: 'platform-api', image: 'ghcr.io/phoenix/platform-api:1.8.2' }, { name: 'sidecar', image: 'envoy:1.30' }] } },
    },
  };
}
const service = (name: string, selector: Record<string, string>): V1Service => ({ metadata: { name, namespace: NS }, spec: { selector, ports: [{ name: 'http', port: 8080, targetPort: 8080 }] } });
const ingress = (name: string, svc: string, canary = false): V1Ingress => ({
  metadata: { name, namespace: NS, ...(canary ? { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } } : {}) },
  spec: { ingressClassName: 'nginx', tls: [{ hosts: ['api.phoenix.local'], secretName: 'phoenix-tls' }], rules: [{ host: 'api.phoenix.local', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc, port: { number: 8080 } } } }] } }] },
});
const route = (): Route => {
  const r = findRoute(primary(), [service('platform-api', { app: 'platform-api', track: 'primary' })], [ingress('platform-api', 'platform-api')]);
  assert.ok(!('refused' in r));
  return r;
};
const plan = (over: Partial<Parameters<typeof planCanaryObjects>[0]> = {}) => planCanaryObjects({ primary: primary(), container: 'platform-api', image: 'ghcr.io/phoenix/platform-api:1.9.0', replicas: 3, route: route(), existing: {}, ...over });
const ok = (r: ReturnType<typeof plan>): CanaryObjectsPlan => {
  assert.ok(!('refused' in r), 'refused' in r ? r.refused : '');
  return r;
};
const refused = (r: ReturnType<typeof plan>): string => {
  assert.ok('refused' in r, 'expected a refusal');
  return r.refused;
};

describe('canary objects', () => {
  it('builds <name>-canary: the template with the new image and track=canary, its Service, a weight-0 canary Ingress on the same host', () => {
    const p = ok(plan());
    assert.ok('create' in p.deployment);
    const d = p.deployment.create;
    assert.equal(d.metadata?.name, 'platform-api-canary');
    assert.deepEqual(d.spec?.selector?.matchLabels, { app: 'platform-api', track: 'canary' });
    assert.deepEqual(d.spec?.template.spec?.containers.map((c) => c.image), ['ghcr.io/phoenix/platform-api:1.9.0', 'envoy:1.30']);
    assert.equal(d.metadata?.labels?.['rollouts.phoenix-ops.io/canary-of'], 'platform-api');
    assert.ok('create' in p.service && 'create' in p.ingress);
    assert.deepEqual(p.service.create.spec?.selector, { app: 'platform-api', track: 'canary' });
    assert.deepEqual(p.service.create.spec?.ports, [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    const ing = p.ingress.create;
    assert.deepEqual(ing.metadata?.annotations, { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '0' });
    assert.equal(ing.spec?.rules?.[0].host, 'api.phoenix.local');
    assert.equal(ing.spec?.rules?.[0].http?.paths[0].backend.service?.name, 'platform-api-canary');
    assert.equal(primary().spec?.template.spec?.containers[0].image, 'ghcr.io/phoenix/platform-api:1.8.2', 'the primary is not touched');
  });

  it('adopts the idle canary slot the sandbox seeds (and a finished canary), keeping its selector', () => {
    const idle: V1Deployment = { metadata: { name: 'platform-api-canary' }, spec: { selector: { matchLabels: { app: 'platform-api', track: 'canary' } }, template: {} } };
    const done: V1Deployment = { ...idle, metadata: { name: 'platform-api-canary', annotations: { [STATE_ANNOTATION]: encodeState(runningState({ status: 'rolledBack' })) } } };
    for (const existing of [idle, done]) {
      const p = ok(plan({ existing: { deployment: existing, service: service('platform-api-canary', {}), ingress: ingress('platform-api-canary', 'platform-api-canary', true) } }));
      assert.ok('adopt' in p.deployment && 'adopt' in p.service && 'adopt' in p.ingress);
    }
  });

  const refusals: [string, Partial<Parameters<typeof planCanaryObjects>[0]>, RegExp][] = [
    ['the same image', { image: 'ghcr.io/phoenix/platform-api:1.8.2' }, /already runs/],
    ['no such container', { container: 'worker' }, /no container "worker" \(it has platform-api, sidecar\)/],
    ['an image with a space', { image: 'ghcr.io/phoenix/platform api:1.9' }, /no spaces/],
    ['an image without tag', { image: 'ghcr.io/phoenix/platform-api' }, /no tag/],
    ['an empty image', { image: '  ' }, /required/],
    ['an upper-case repository', { image: 'ghcr.io/Phoenix/API:1' }, /not an image reference/],
    ['a primary selector that also selects the canary', { primary: primary({ app: 'platform-api' }) }, /would also select the canary's pods/],
    ['a Service that selects the canary too', { route: { ...route(), service: service('platform-api', { app: 'platform-api' }) } }, /beyond its weight/],
    ['a canary already running', { existing: { deployment: { metadata: { annotations: { [STATE_ANNOTATION]: encodeState(runningState()) } }, spec: { selector: { matchLabels: { app: 'platform-api', track: 'canary' } }, template: {} } } } }, /already running/],
    ['a canary state nobody can read', { existing: { deployment: { metadata: { annotations: { [STATE_ANNOTATION]: '{oops' } }, spec: { selector: { matchLabels: { app: 'platform-api', track: 'canary' } }, template: {} } } } }, /cannot read/],
    ['an existing -canary deployment with another selector', { existing: { deployment: { metadata: {}, spec: { selector: { matchLabels: { app: 'other' } }, template: {} } } } }, /does not select the canary's labels/],
    ['an Ingress named -canary that is no canary', { existing: { ingress: ingress('platform-api-canary', 'x') } }, /not an ingress-nginx canary/],
  ];
  for (const [what, over, why] of refusals) it(`refuses ${what}`, () => assert.match(refused(plan(over)), why));

  it('accepts the image references people write', () => {
    for (const image of ['ghcr.io/phoenix/platform-api:1.9.0', 'registry.local:5000/team/app:v2-rc.1', 'postgres:16.4', 'app@sha256:' + 'a'.repeat(64), 'ghcr.io/p/a:1.9.0-bad']) assert.equal(imageProblem(image), undefined, image);
  });

  it('finds the Service and main Ingress, or says why there is no canary route', () => {
    const svc = service('platform-api', { app: 'platform-api', track: 'primary' });
    assert.match((findRoute(primary(), [], [ingress('platform-api', 'platform-api')]) as { refused: string }).refused, /no Service selects the pods/);
    assert.match((findRoute(primary(), [svc], []) as { refused: string }).refused, /no Ingress routes to platform-api/);
    assert.match((findRoute(primary(), [svc], [ingress('platform-api-canary', 'platform-api', true)]) as { refused: string }).refused, /no Ingress routes/, 'a canary Ingress is not the main one');
    const other = service('api-alias', { app: 'platform-api' });
    const r = findRoute(primary(), [other, svc], [ingress('platform-api', 'platform-api')]);
    assert.ok(!('refused' in r) && r.service.metadata?.name === 'platform-api', "the deployment's own Service first");
    for (const services of [[other, svc], [svc, other]]) {
      const both = findRoute(primary(), services, [ingress('api-alias', 'api-alias'), ingress('platform-api', 'platform-api')]);
      assert.ok(!('refused' in both), 'routed');
      assert.deepEqual([both.service.metadata?.name, both.ingress.metadata?.name], ['platform-api', 'platform-api'], "an Ingress to the deployment's own Service first, whatever the order listed");
    }
  });

  it('sends exactly the three bodies: the primary\'s strategy and deadline kept, the main Ingress\'s class, TLS and host copied', () => {
    const withStrategy = primary();
    withStrategy.metadata!.labels = { app: 'platform-api', team: 'core' };
    withStrategy.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } };
    withStrategy.spec!.progressDeadlineSeconds = 120;
    const r = route();
    r.service.metadata!.labels = { app: 'platform-api' };
    r.ingress.metadata!.labels = { tier: 'edge' };
    const p = ok(plan({ primary: withStrategy, replicas: 2, route: r }));
    const marker = { 'rollouts.phoenix-ops.io/canary-of': 'platform-api' };
    assert.ok('create' in p.deployment && 'create' in p.service && 'create' in p.ingress);
    assert.deepEqual(p.deployment.create, {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'platform-api-canary', namespace: NS, labels: { app: 'platform-api', team: 'core', track: 'canary', ...marker } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'platform-api', track: 'canary' } },
        template: { metadata: { labels: { app: 'platform-api', track: 'canary' } }, spec: { containers: [{ name: 'platform-api', image: 'ghcr.io/phoenix/platform-api:1.9.0' }, { name: 'sidecar', image: 'envoy:1.30' }] } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        progressDeadlineSeconds: 120,
      },
    });
    assert.deepEqual(p.service.create, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'platform-api-canary', namespace: NS, labels: { app: 'platform-api', track: 'canary', ...marker } }, spec: { type: 'ClusterIP', selector: { app: 'platform-api', track: 'canary' }, ports: [{ name: 'http', port: 8080, targetPort: 8080, protocol: 'TCP' }] } });
    assert.deepEqual(p.ingress.create, {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: { name: 'platform-api-canary', namespace: NS, labels: { tier: 'edge', track: 'canary', ...marker }, annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '0' } },
      spec: { ingressClassName: 'nginx', tls: [{ hosts: ['api.phoenix.local'], secretName: 'phoenix-tls' }], rules: [{ host: 'api.phoenix.local', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'platform-api-canary', port: { number: 8080 } } } }] } }] },
    });
    assert.deepEqual(p.labels, { app: 'platform-api', track: 'canary' });
  });

  it('fills what a bare Service and Ingress leave out as the API server would (TCP, path /, Prefix, port 80), and copies nothing absent', () => {
    const bareService: V1Service = { metadata: { name: 'platform-api' }, spec: { selector: { app: 'platform-api', track: 'primary' }, ports: [{ port: 80 }] } };
    // An Ingress as an older API server may return it: the second path has no pathType (the client's type requires one).
    const bareIngress = { metadata: { name: 'web' }, spec: { rules: [{ http: { paths: [{ pathType: 'Exact', backend: { service: { name: 'platform-api' } } }, { path: '/api', backend: { service: { name: 'platform-api', port: { number: 80 } } } }] } }] } } as V1Ingress;
    const r = findRoute(primary(), [bareService], [bareIngress]);
    assert.ok(!('refused' in r));
    assert.equal(r.port, 80, 'a backend without a port number');
    const p = ok(plan({ route: r }));
    assert.ok('create' in p.service && 'create' in p.ingress);
    assert.deepEqual(p.service.create.spec?.ports, [{ port: 80, protocol: 'TCP' }]);
    assert.deepEqual(p.ingress.create.spec, { rules: [{ http: { paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'platform-api-canary', port: { number: 80 } } } }, { path: '/api', pathType: 'Prefix', backend: { service: { name: 'platform-api-canary', port: { number: 80 } } } }] } }] });
    const viaDefault: V1Ingress = { metadata: { name: 'web' }, spec: { defaultBackend: { service: { name: 'platform-api', port: { number: 9090 } } } } };
    const d = findRoute(primary(), [bareService], [viaDefault]);
    assert.ok(!('refused' in d) && d.port === 9090, 'the default backend routes too');
  });

  it("runs the canary's pods as the primary's: same pod annotations, service account and volumes, only the image (trimmed) and track differ", () => {
    const full = primary();
    const template = full.spec!.template;
    template.metadata!.annotations = { 'prometheus.io/scrape': 'true' };
    template.spec!.serviceAccountName = 'platform-api';
    template.spec!.volumes = [{ name: 'config', configMap: { name: 'platform-api-config' } }];
    const p = ok(plan({ primary: full, image: ' ghcr.io/phoenix/platform-api:1.9.0 ' }));
    assert.ok('create' in p.deployment);
    assert.deepEqual(p.deployment.create.spec?.template, {
      metadata: { labels: { app: 'platform-api', track: 'canary' }, annotations: { 'prometheus.io/scrape': 'true' } },
      spec: {
        containers: [{ name: 'platform-api', image: 'ghcr.io/phoenix/platform-api:1.9.0' }, { name: 'sidecar', image: 'envoy:1.30' }],
        serviceAccountName: 'platform-api',
        volumes: [{ name: 'config', configMap: { name: 'platform-api-config' } }],
      },
    });
  });

  it('says which selectors and Services are in the way, in their own words', () => {
    assert.equal(refused(plan({ primary: primary({ app: 'platform-api' }) })), "the selector of platform-api (app=platform-api) would also select the canary's pods: give it a track=primary label first");
    assert.equal(refused(plan({ route: { ...route(), service: service('platform-api', { app: 'platform-api' }) } })), 'Service platform-api (app=platform-api) would send traffic to the canary beyond its weight: select track=primary in it first');
    assert.equal(refused(plan({ existing: { deployment: { metadata: {}, spec: { selector: { matchLabels: { app: 'other' } }, template: {} } } } })), "platform-api-canary exists with a selector (app=other) that does not select the canary's labels (app=platform-api,track=canary)");
    assert.equal(refused(plan({ image: 'ghcr.io/phoenix/platform-api:1.8.2 ' })), 'platform-api already runs ghcr.io/phoenix/platform-api:1.8.2: a canary needs a different image');
    const running = encodeState(runningState({ status: 'paused' }));
    assert.equal(refused(plan({ existing: { deployment: { metadata: { annotations: { [STATE_ANNOTATION]: running } }, spec: { selector: { matchLabels: { app: 'platform-api', track: 'canary' } }, template: {} } } } })), 'a canary of platform-api is already paused (ghcr.io/phoenix/platform-api:1.9.0)');
    const noSelector = primary();
    delete noSelector.spec!.selector.matchLabels;
    assert.ok(!('refused' in plan({ primary: noSelector })), 'an empty selector selects nothing here');
    assert.equal((findRoute(primary(), [service('a', { app: 'platform-api', track: 'primary' }), service('b', { app: 'platform-api', track: 'primary' })], []) as { refused: string }).refused, 'no Ingress routes to a or b: an ingress-nginx canary is a second Ingress on the same host');
    assert.match((findRoute(primary(), [service('platform-api-canary', { app: 'platform-api', track: 'primary' }), service('s', {})], []) as { refused: string }).refused, /no Service selects the pods of platform-api/, 'neither the canary\'s own Service nor one selecting nothing');
  });

  it('answers in words, never with an exception, for objects missing what the client\'s types require', () => {
    // As a partial list may return them: no selector, no pod template.
    const noSelector = primary();
    delete (noSelector.spec as Partial<NonNullable<V1Deployment['spec']>>).selector;
    assert.ok(!('refused' in plan({ primary: noSelector })), 'a primary without a selector selects nothing here');
    const bareCanary = { metadata: { name: 'platform-api-canary' }, spec: { template: {} } } as V1Deployment;
    assert.equal(refused(plan({ existing: { deployment: bareCanary } })), "platform-api-canary exists with a selector () that does not select the canary's labels (app=platform-api,track=canary)");
    const noTemplate = { metadata: { name: 'platform-api' }, spec: { selector: {} } } as V1Deployment;
    const r = findRoute(noTemplate, [service('platform-api', { app: 'platform-api', track: 'primary' })], [ingress('platform-api', 'platform-api')]);
    assert.deepEqual(r, { refused: 'no Service selects the pods of platform-api: an ingress-nginx canary needs the Service its Ingress routes to' });
  });

  it('gives the primary the canary template with its own labels back on promotion', () => {
    const p = ok(plan());
    assert.ok('create' in p.deployment);
    const t = promotedTemplate(primary(), p.deployment.create);
    assert.deepEqual(t?.metadata?.labels, { app: 'platform-api', track: 'primary' });
    assert.equal(t?.spec?.containers[0].image, 'ghcr.io/phoenix/platform-api:1.9.0');
    const annotated = primary();
    annotated.spec!.template.metadata!.annotations = { 'prometheus.io/scrape': 'true' };
    const fromAnnotated = ok(plan({ primary: annotated }));
    assert.ok('create' in fromAnnotated.deployment);
    assert.deepEqual(promotedTemplate(annotated, fromAnnotated.deployment.create).metadata, { labels: { app: 'platform-api', track: 'primary' }, annotations: { 'prometheus.io/scrape': 'true' } }, 'the pod annotations stay');
  });

  it('reads back only sound states; damaged ones say what is damaged', () => {
    const s = runningState();
    const back = decodeState(encodeState(s));
    assert.ok(back.ok && back.state.plan.phases.length === 5);
    const damaged: [string, string][] = [
      ['not json', '{x'],
      ['unknown version', JSON.stringify({ ...s, version: 2 })],
      ['a phase past the plan', JSON.stringify({ ...s, phase: 5 })],
      ['a weight over 100', JSON.stringify({ ...s, weight: 150 })],
      ['an unknown status', JSON.stringify({ ...s, status: 'exploding' })],
      ['no plan', JSON.stringify({ ...s, plan: undefined })],
      ['a zero time scale', JSON.stringify({ ...s, timeScale: 0 })],
      ['a bad phase start', JSON.stringify({ ...s, phaseStartedAt: 'soon' })],
      ['no counters', JSON.stringify({ ...s, failedChecks: undefined })],
      ['no target', JSON.stringify({ ...s, target: undefined })],
    ];
    for (const [what, text] of damaged) assert.equal(decodeState(text).ok, false, what);
    assert.equal(decodeState(undefined).ok, false);
  });

  it('keeps the most recent checks only', () => {
    const checks = Array.from({ length: MAX_CHECKS_KEPT + 5 }, (_, i) => ({ at: String(i), phase: 0, weight: 5, kind: 'pass' as const, gates: [] }));
    const back = decodeChecks(encodeChecks(checks));
    assert.equal(back.length, MAX_CHECKS_KEPT);
    assert.equal(back[0].at, '5');
    assert.deepEqual(decodeChecks('nope'), []);
    assert.deepEqual(decodeChecks('[1, {"x":1}]'), []);
  });
});
