// The seeded workloads, from the operations guides: Phoenix platform services in phoenix-system, the Phase 5 todo app in phase-5.
import type { ContainerSpec, PodTemplateSpec } from '../controllers/kinds';

export type Environment = 'dev' | 'prod';

export interface CatalogContainer {
  name: string;
  /** Repository without tag ("ghcr.io/phoenix/platform-api"). */
  repository: string;
  port?: number;
  /** Extra env entries besides SERVICE_NAME/PORT/LOG_LEVEL. */
  env?: Record<string, unknown>[];
  args?: string[];
  resources?: 'service' | 'database';
  probe?: string;
}

export interface CatalogApp {
  namespace: string;
  name: string;
  /** The `app` label (the canary shares its primary's). */
  app: string;
  track: 'primary' | 'canary';
  replicas: Record<Environment, number>;
  containers: CatalogContainer[];
  /** Oldest first: [tag, change-cause]; every container of the app runs the same tag. */
  history: [string, string][];
  /** Days ago the first revision was rolled out; later ones are spread up to ~1 day ago. */
  since: number;
  strategy?: 'Recreate';
  podAnnotations?: Record<string, string>;
  /** Labels of deployment, selector and template instead of { app, track } (a blue/green colour's `version`). */
  labels?: Record<string, string>;
}

/** The labels a catalog app's deployment, selector, template and own Service use. */
export function labelsOf(app: CatalogApp): Record<string, string> {
  return app.labels ?? { app: app.app, track: app.track };
}

const setImage = (app: string, container: string, image: string, ns: string): string =>
  `kubectl set image deployment/${app} ${container}=${image} --namespace=${ns} --record=true`;

const phoenix = (name: string, replicas: Record<Environment, number>, tags: string[], causes: (string | undefined)[], since: number): CatalogApp => {
  const repository = `ghcr.io/phoenix/${name}`;
  return {
    namespace: 'phoenix-system',
    name,
    app: name,
    track: 'primary',
    replicas,
    containers: [{ name, repository, port: 8080, resources: 'service', probe: '/health' }],
    history: tags.map((t, i) => [t, causes[i] ?? setImage(name, name, `${repository}:${t}`, 'phoenix-system')]),
    since,
  };
};

function blueGreen(colour: 'blue' | 'green', tags: string[], causes: string[]): CatalogApp {
  const repository = 'ghcr.io/phoenix/api-gateway';
  return {
    namespace: 'phoenix-system',
    name: `api-gateway-${colour}`,
    app: 'api-gateway',
    track: 'primary',
    labels: { app: 'api-gateway', version: colour },
    replicas: { dev: 2, prod: 3 },
    containers: [{ name: 'api-gateway', repository, port: 8080, resources: 'service', probe: '/health' }],
    history: tags.map((t, i) => [t, causes[i] ?? '']),
    since: colour === 'blue' ? 21 : 2,
  };
}

export const PLATFORM_APPS: readonly CatalogApp[] = [
  phoenix('platform-api', { dev: 3, prod: 6 }, ['1.7.4', '1.8.0', '1.8.1', '1.8.2'], ['Initial deploy of platform-api 1.7.4 (release 2025.09)', undefined, 'Hotfix 1.8.1: paginate GET /api/v1/experiments (INC-2025-10-14)'], 30),
  phoenix('controller', { dev: 2, prod: 3 }, ['1.6.0', '1.7.0', '1.7.1'], ['Initial deploy of controller 1.6.0'], 28),
  phoenix('generator', { dev: 2, prod: 3 }, ['0.9.2', '1.0.0', '1.0.1'], ['Initial deploy of generator 0.9.2', 'Release generator 1.0.0: new load profiles'], 27),
  phoenix('analytics', { dev: 2, prod: 3 }, ['2.3.0', '2.4.0', '2.4.1', '2.5.0'], ['Initial deploy of analytics 2.3.0'], 25),
  phoenix('dashboard', { dev: 2, prod: 3 }, ['3.1.0', '3.2.0', '3.2.1'], ['Initial deploy of dashboard 3.1.0'], 24),
  {
    namespace: 'phoenix-system',
    name: 'postgres',
    app: 'postgres',
    track: 'primary',
    replicas: { dev: 1, prod: 1 },
    containers: [{ name: 'postgres', repository: 'postgres', port: 5432, resources: 'database' }],
    history: [
      ['15.5', 'Initial deploy of PostgreSQL 15.5'],
      ['15.6', 'Minor upgrade to PostgreSQL 15.6 (maintenance window 2025-10-02)'],
    ],
    since: 30,
    strategy: 'Recreate',
  },
  {
    // The canary slot of platform-api: idle (0 replicas, weight 0) until a canary release scales it up.
    namespace: 'phoenix-system',
    name: 'platform-api-canary',
    app: 'platform-api',
    track: 'canary',
    replicas: { dev: 0, prod: 0 },
    containers: [{ name: 'platform-api', repository: 'ghcr.io/phoenix/platform-api', port: 8080, resources: 'service', probe: '/health' }],
    history: [
      ['1.8.1', 'Canary of platform-api 1.8.1 (5% -> 20% -> 100%)'],
      ['1.8.2', 'Canary of platform-api 1.8.2 (5% -> 20% -> 100%)'],
    ],
    since: 12,
  },
  // guide 000's blue-green pair: the Service api-gateway selects version=blue; green runs the next release beside it.
  blueGreen('blue', ['2.3.0', '2.4.0'], ['Initial deploy of api-gateway 2.3.0 (blue)', 'Blue: api-gateway 2.4.0']),
  blueGreen('green', ['2.4.0', '2.5.0'], ['Initial deploy of api-gateway 2.4.0 (green)', 'Green: api-gateway 2.5.0, waiting for the switch']),
  {
    namespace: 'phase-5',
    name: 'backend',
    app: 'backend',
    track: 'primary',
    replicas: { dev: 2, prod: 3 },
    containers: [
      { name: 'backend', repository: 'ghcr.io/phase5/todo-app-backend', port: 8080, resources: 'service', probe: '/api/health' },
      { name: 'reminder-scheduler', repository: 'ghcr.io/phase5/todo-app-backend', args: ['python', '-m', 'app.reminder_scheduler'], resources: 'service' },
    ],
    history: [
      ['v1.7.0', 'Initial deploy of todo-app backend v1.7.0'],
      ['v1.8.0', setImage('backend', 'backend', 'ghcr.io/phase5/todo-app-backend:v1.8.0', 'phase-5')],
      ['v1.9.0', 'Rolling update to v1.9.0: recurring tasks and reminders'],
    ],
    since: 20,
    podAnnotations: { 'kubectl.kubernetes.io/default-container': 'backend' },
  },
  {
    namespace: 'phase-5',
    name: 'notification',
    app: 'notification',
    track: 'primary',
    replicas: { dev: 1, prod: 2 },
    containers: [{ name: 'notification', repository: 'ghcr.io/phase5/todo-app-notification', port: 8080, resources: 'service', probe: '/health' }],
    history: [
      ['v1.3.0', 'Initial deploy of notification service v1.3.0'],
      ['v1.3.1', setImage('notification', 'notification', 'ghcr.io/phase5/todo-app-notification:v1.3.1', 'phase-5')],
      ['v1.3.2', 'Fix SendGrid retry on 429'],
    ],
    since: 20,
  },
  {
    namespace: 'phase-5',
    name: 'frontend',
    app: 'frontend',
    track: 'primary',
    replicas: { dev: 2, prod: 3 },
    containers: [{ name: 'frontend', repository: 'ghcr.io/phase5/todo-app-frontend', port: 80, resources: 'service', probe: '/' }],
    history: [
      ['v1.8.0', 'Initial deploy of todo-app frontend v1.8.0'],
      ['v1.9.0', setImage('frontend', 'frontend', 'ghcr.io/phase5/todo-app-frontend:v1.9.0', 'phase-5')],
    ],
    since: 18,
  },
  {
    namespace: 'phase-5',
    name: 'postgres',
    app: 'postgres',
    track: 'primary',
    replicas: { dev: 1, prod: 1 },
    containers: [{ name: 'postgres', repository: 'postgres', port: 5432, resources: 'database' }],
    history: [
      ['16.3', 'Initial deploy of PostgreSQL 16.3'],
      ['16.4', 'Minor upgrade to PostgreSQL 16.4'],
    ],
    since: 20,
    strategy: 'Recreate',
  },
];

/** The pod template of an app at a tag, with the defaults a real API server fills in (so `-o yaml` looks real). */
export function templateFor(app: CatalogApp, tag: string): PodTemplateSpec {
  const labels = labelsOf(app);
  const configMap = app.namespace === 'phoenix-system' ? 'phoenix-config' : 'backend-config';
  const containers = app.containers.map((c) => {
    const isDb = c.resources === 'database';
    const env: Record<string, unknown>[] = isDb
      ? [
          { name: 'POSTGRES_DB', value: app.namespace === 'phoenix-system' ? 'phoenix' : 'todo' },
          { name: 'POSTGRES_USER', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'username' } } },
          { name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
          { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
        ]
      : [
          { name: 'SERVICE_NAME', value: app.app },
          { name: 'PORT', value: String(c.port ?? 8080) },
          { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: configMap, key: 'LOG_LEVEL' } } },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          ...(c.env ?? []),
        ];
    const container: ContainerSpec = {
      name: c.name,
      image: `${c.repository}:${tag}`,
      imagePullPolicy: 'IfNotPresent',
      env,
      resources: isDb
        ? { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }
        : { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    };
    if (c.args) container.args = c.args;
    if (c.port !== undefined) container.ports = [{ name: isDb ? 'postgres' : 'http', containerPort: c.port, protocol: 'TCP' }];
    if (!isDb) container.envFrom = [{ configMapRef: { name: configMap } }];
    if (c.probe && c.port !== undefined) {
      container.readinessProbe = { httpGet: { path: c.probe, port: c.port, scheme: 'HTTP' }, initialDelaySeconds: 2, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 };
      container.livenessProbe = { httpGet: { path: c.probe, port: c.port, scheme: 'HTTP' }, initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    }
    return container;
  });
  const metadata: PodTemplateSpec['metadata'] = { labels };
  if (app.podAnnotations) metadata.annotations = { ...app.podAnnotations };
  return {
    metadata,
    spec: {
      containers,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
    },
  };
}
