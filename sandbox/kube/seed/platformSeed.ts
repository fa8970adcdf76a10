// Seeds a simulated cluster with the Phoenix platform of the operations guides; the conventions below are what the cockpit and the exporter rely on.
//
// Conventions of the seeded cluster ("Phoenix in a box")
// ------------------------------------------------------
// Namespaces   default, kube-system, kube-public, kube-node-lease, phoenix-system, phase-5 (plus load-NNNN
//              for benchmarks, see loadSeed.ts). Every namespace has a kube-root-ca.crt ConfigMap.
// Workloads    phoenix-system: platform-api (3 replicas; 6 in prod), controller, generator, analytics,
//              dashboard (2; 3 in prod), postgres (1, Recreate) and platform-api-canary (0).
//              phase-5 (the todo app of guide 004): backend (2; two containers, backend + reminder-scheduler,
//              default-container backend), notification (1), frontend (2), postgres (1, Recreate).
//              The environment is "prod" when the cluster's name contains "prod" (phoenix-prod), else "dev".
// Labels       Deployment, selector and pod template carry app=<service> and track=primary|canary;
//              pods also carry pod-template-hash. The `app` label is the service name metrics use.
// Images       ghcr.io/phoenix/<service>:<semver> (platform-api 1.8.2, controller 1.7.1, generator 1.0.1,
//              analytics 2.5.0, dashboard 3.2.1), ghcr.io/phase5/todo-app-<part>:v<semver>, postgres:<ver>.
//              Requests 100m/256Mi, limits 500m/512Mi (guide 000); port 8080 (frontend 80, postgres 5432).
// History      Each platform deployment has 3–4 revisions (2 for postgres and the canary), real ReplicaSets
//              <name>-<pod-template-hash> with deployment.kubernetes.io/revision and kubernetes.io/change-cause,
//              rolled out over the past weeks; `kubectl rollout history/undo` work on them.
// Services     One ClusterIP Service per deployment, named like it, port = container port. A primary Service
//              selects app=<service>,track=primary; the canary's (platform-api-canary) app=platform-api,track=canary,
//              so neither routes to the other's pods.
// Ingresses    class nginx: platform-api (api.phoenix.local; api.phoenix-prod.local in prod, TLS phoenix-tls),
//              dashboard (dashboard.phoenix.local), phase-5 frontend and websocket-ingress (todo.phase5.local).
// Canary       ingress-nginx canary convention: a deployment <app>-canary labelled app=<app>,track=canary, a
//              Service <app>-canary selecting it, and an Ingress <app>-canary on the same host with annotations
//              nginx.ingress.kubernetes.io/canary: "true" and nginx.ingress.kubernetes.io/canary-weight: "0".
//              The canary is seeded idle (0 replicas, weight 0, same image as the primary): a canary release sets
//              its image, scales it to 1+ and raises the weight; the exporter splits traffic by that weight.
// Blue/green   api-gateway-blue and api-gateway-green (labels app=api-gateway, version=blue|green), each with
//              its own Service, and the Service api-gateway selecting version=blue: traffic (and metrics,
//              track=<colour>) follows that selector, so guide 000's selector patch switches it.
// Flagger/Argo The CRDs canaries.flagger.app and rollouts.argoproj.io, a Flagger Canary for generator (guide
//              000's analysis, Succeeded) and an Argo Rollout for analytics (workloadRef, paused at step 2).
// Config       ConfigMap phoenix-config (LOG_LEVEL, DATABASE_HOST, PROMETHEUS_URL, canary thresholds …), Secrets
//              db-credentials (Opaque) and phoenix-tls (kubernetes.io/tls); phase-5: backend-config,
//              db-credentials, sendgrid-config.
// Stored kinds phoenix-system (no controllers act on them): ServiceAccount platform-api, Role platform-config-reader
//              and RoleBinding platform-api-config, HPA and PDB platform-api, PVC postgres-data (Bound), CronJob
//              database-maintenance (guide 000's VACUUM ANALYZE, Sundays 03:00). See platformStoredKinds.ts.
// Image tags   Behaviour follows the tag (controllers/imageBehaviour.ts): `-bad` runs and becomes Ready but
//              serves ~20% 5xx at ~3x latency (metrics and logs); `-crash` (or containing `crashloop`) exits with
//              code 1 after ~1 s and crash-loops with growing back-off, its log ending in a stack trace and a
//              FATAL line; `-missing` (or a registry named like nonexistent.example / *.invalid) stays in
//              ErrImagePull / ImagePullBackOff. Anything else is healthy.
import type { NodePool } from '../controllers/nodePool';
import type { SimClock } from '../controllers/simTime';
import type { ObjectStore } from '../store/objectStore';
import { type CatalogApp, type Environment, labelsOf, PLATFORM_APPS, templateFor } from './platformCatalog';
import { canaryIngress, configMap, ingress, namespaceObject, phoenixConfig, platformSecrets, service } from './platformObjects';
import { seedProgressiveDelivery } from './progressiveDelivery';
import { type SeedContext, type SeedRevision, writeDeployment } from './seedWriter';
import { platformStoredKinds } from './platformStoredKinds';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function environmentOf(clusterName: string): Environment {
  return clusterName.includes('prod') ? 'prod' : 'dev';
}

/** Namespaces every cluster has, each with its kube-root-ca.crt ConfigMap. */
export function ensureNamespace(store: ObjectStore, name: string, labels: Record<string, string> = {}): void {
  if (store.get('namespaces', undefined, name)) return;
  store.create('namespaces', namespaceObject(name, labels));
  store.create('configmaps', configMap(name, 'kube-root-ca.crt', { 'ca.crt': '-----BEGIN CERTIFICATE-----\nsandbox cluster CA\n-----END CERTIFICATE-----\n' }));
}

export function seedSystemNamespaces(store: ObjectStore): void {
  for (const ns of SYSTEM_NAMESPACES) ensureNamespace(store, ns);
}

/** Revision times: the first `since` days ago, the last some hours ago, the rest evenly between. */
function revisionsOf(app: CatalogApp, index: number, now: number): SeedRevision[] {
  const first = now - app.since * DAY;
  const last = now - (6 + 5 * index) * HOUR;
  const n = app.history.length;
  return app.history.map(([tag, changeCause], i) => ({
    template: templateFor(app, tag),
    changeCause,
    at: Math.round(n === 1 ? last : first + ((last - first) * i) / (n - 1)),
  }));
}

export function seedPlatform(store: ObjectStore, clock: SimClock, nodes: NodePool, env: Environment): void {
  const ctx: SeedContext = { store, clock, nodes };
  const now = clock.nowMs();
  // Namespaces and config come first: "created" a little before the oldest workload.
  clock.pin(now - 45 * DAY);
  ensureNamespace(store, 'phoenix-system', { 'app.kubernetes.io/part-of': 'phoenix' });
  ensureNamespace(store, 'phase-5', { 'app.kubernetes.io/part-of': 'todo-app' });
  store.create('configmaps', configMap('phoenix-system', 'phoenix-config', phoenixConfig(env), { 'app.kubernetes.io/part-of': 'phoenix' }));
  store.create(
    'configmaps',
    configMap('phase-5', 'backend-config', {
      LOG_LEVEL: 'info',
      DATABASE_POOL_SIZE: '20',
      DATABASE_MAX_OVERFLOW: '10',
      KAFKA_BROKERS: 'kafka.phase-5.svc.cluster.local:9092',
      REMINDER_TOPIC: 'reminders',
    }),
  );
  for (const ns of ['phoenix-system', 'phase-5']) for (const s of platformSecrets(ns, env)) store.create('secrets', s);
  for (const o of platformStoredKinds(env)) store.create(o.resource, o.object);

  PLATFORM_APPS.forEach((app, i) => {
    const labels = labelsOf(app);
    writeDeployment(ctx, {
      namespace: app.namespace,
      name: app.name,
      labels,
      selector: labels,
      replicas: app.replicas[env],
      revisions: revisionsOf(app, i, now),
      strategy: app.strategy ? { type: app.strategy } : undefined,
    });
    clock.pin(now - app.since * DAY);
    store.create('services', service(app.namespace, app.name, labels, app.containers[0]?.port ?? 8080, labels));
    clock.pin(undefined);
  });

  // The blue/green pair's shared Service: guide 000's switch patches its selector's `version`.
  clock.pin(now - 21 * DAY);
  store.create('services', service('phoenix-system', 'api-gateway', { app: 'api-gateway', version: 'blue' }, 8080, { app: 'api-gateway' }));
  clock.pin(now - 30 * DAY);
  const apiHost = env === 'prod' ? 'api.phoenix-prod.local' : 'api.phoenix.local';
  const dashHost = env === 'prod' ? 'dashboard.phoenix-prod.local' : 'dashboard.phoenix.local';
  const todoHost = env === 'prod' ? 'todo.phase5-prod.local' : 'todo.phase5.local';
  const api = { namespace: 'phoenix-system', host: apiHost, port: 8080, tlsSecret: 'phoenix-tls' };
  store.create('ingresses', ingress({ ...api, name: 'platform-api', service: 'platform-api', labels: { app: 'platform-api' } }));
  store.create('ingresses', canaryIngress({ ...api, name: 'platform-api-canary', service: 'platform-api-canary', labels: { app: 'platform-api', track: 'canary' } }, 0));
  store.create('ingresses', ingress({ namespace: 'phoenix-system', name: 'dashboard', host: dashHost, service: 'dashboard', port: 8080, tlsSecret: 'phoenix-tls', labels: { app: 'dashboard' } }));
  store.create('ingresses', ingress({ namespace: 'phase-5', name: 'frontend', host: todoHost, service: 'frontend', port: 80, labels: { app: 'frontend' } }));
  store.create(
    'ingresses',
    ingress({
      namespace: 'phase-5',
      name: 'websocket-ingress',
      host: todoHost,
      path: '/ws',
      service: 'backend',
      port: 8080,
      labels: { app: 'backend' },
      annotations: {
        'nginx.ingress.kubernetes.io/proxy-read-timeout': '3600',
        'nginx.ingress.kubernetes.io/proxy-send-timeout': '3600',
        'nginx.ingress.kubernetes.io/proxy-http-version': '1.1',
      },
    }),
  );
  clock.pin(now - 10 * DAY);
  seedProgressiveDelivery(store, now, env === 'prod' ? 3 : 2);
  clock.pin(undefined);
}
