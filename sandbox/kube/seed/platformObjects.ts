// The seeded Services, Ingresses (main and canary), ConfigMaps and Secrets of the Phoenix platform and the Phase 5 app.
import type { KubeObject } from '../store/types';
import type { Environment } from './platformCatalog';

export function namespaceObject(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

let nextClusterIp = 0;

/** 10.96.0.0/12 ClusterIPs from a counter (10.96.0.1 is the API server's own). */
function clusterIp(): string {
  const n = 10 + (nextClusterIp++ % 60000);
  return `10.96.${n >> 8}.${n & 255}`;
}

export function service(namespace: string, name: string, selector: Record<string, string>, port: number, labels: Record<string, string>): KubeObject {
  const ip = clusterIp();
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [{ name: port === 5432 ? 'postgres' : 'http', port, targetPort: port, protocol: 'TCP' }],
      clusterIP: ip,
      clusterIPs: [ip],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  };
}

export interface IngressOptions {
  namespace: string;
  name: string;
  host: string;
  service: string;
  port: number;
  path?: string;
  annotations?: Record<string, string>;
  tlsSecret?: string;
  labels?: Record<string, string>;
}

export function ingress(o: IngressOptions): KubeObject {
  const spec: Record<string, unknown> = {
    ingressClassName: 'nginx',
    rules: [
      {
        host: o.host,
        http: { paths: [{ path: o.path ?? '/', pathType: 'Prefix', backend: { service: { name: o.service, port: { number: o.port } } } }] },
      },
    ],
  };
  if (o.tlsSecret) spec.tls = [{ hosts: [o.host], secretName: o.tlsSecret }];
  const metadata: KubeObject['metadata'] = { name: o.name, namespace: o.namespace, labels: o.labels ?? {} };
  if (o.annotations) metadata.annotations = o.annotations;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata, spec, status: { loadBalancer: { ingress: [{ ip: '10.0.0.100' }] } } };
}

/** The ingress-nginx canary convention the metrics exporter reads: same host as the main Ingress, weight in an annotation. */
export function canaryIngress(o: Omit<IngressOptions, 'annotations'>, weight: number): KubeObject {
  return ingress({
    ...o,
    annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': String(weight) },
  });
}

export function configMap(namespace: string, name: string, data: Record<string, string>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

export function secret(namespace: string, name: string, type: string, data: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type,
    data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  };
}

/** A syntactically PEM-shaped placeholder; the sandbox never serves TLS with it. */
function fakePem(kind: string, seed: string): string {
  const body = b64(`phoenix sandbox ${kind} ${seed} `.repeat(12)).replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----\n`;
}

export function phoenixConfig(env: Environment): Record<string, string> {
  return {
    LOG_LEVEL: env === 'prod' ? 'info' : 'debug',
    ENVIRONMENT: env === 'prod' ? 'production' : 'development',
    DATABASE_HOST: 'postgres.phoenix-system.svc.cluster.local',
    DATABASE_NAME: 'phoenix',
    DATABASE_POOL_SIZE: '20',
    PROMETHEUS_URL: 'http://prometheus.monitoring.svc.cluster.local:9090',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.monitoring.svc.cluster.local:4317',
    EXPERIMENT_DEFAULT_DURATION: '30m',
    CANARY_STEPS: '5,20,40,60,80,100',
    CANARY_ERROR_THRESHOLD: '0.001',
    CANARY_LATENCY_THRESHOLD_MS: '100',
  };
}

export function platformSecrets(namespace: string, env: Environment): KubeObject[] {
  const out = [
    secret(namespace, 'db-credentials', 'Opaque', {
      username: namespace === 'phase-5' ? 'todo' : 'phoenix',
      password: `sandbox-${env}-${namespace}-db-password`,
      host: `postgres.${namespace}.svc.cluster.local`,
    }),
  ];
  if (namespace === 'phoenix-system') {
    out.push(secret(namespace, 'phoenix-tls', 'kubernetes.io/tls', { 'tls.crt': fakePem('CERTIFICATE', env), 'tls.key': fakePem('PRIVATE KEY', env) }));
  } else {
    out.push(secret(namespace, 'sendgrid-config', 'Opaque', { 'api-key': `SG.sandbox-${env}-not-a-real-key` }));
  }
  return out;
}
