// What a row of the Resources view says about one object, per kind: ready x/y, schedule and last run, type and
// ports, hosts and canary weight, keys, replicas, capacity and phase — with a state for its icon. Pure: the tree,
// its tests and the accessible label read the same words.
import { shortAge, timeMs } from '../workloads/objectMeta';

export type RowState = 'ok' | 'progressing' | 'warning' | 'error' | 'idle';

export interface ResourceRow {
  description: string;
  state: RowState;
  /** Extra lines for the tooltip (backends, selector, conditions). */
  details: string[];
}

/** A stored object as plain JSON: what the API server returned, nothing assumed about its shape. */
export type AnyObject = Record<string, unknown> & { metadata?: { name?: string; namespace?: string; uid?: string; creationTimestamp?: string; annotations?: Record<string, string>; labels?: Record<string, string> } };

export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary';
export const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as unknown[]).map(obj) : []);
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function describeResource(kind: string, o: AnyObject, nowMs: number): ResourceRow {
  const age = shortAge(timeMs(o.metadata?.creationTimestamp), nowMs);
  const row = (ROWS[kind] ?? genericRow)(o, nowMs);
  return { ...row, description: [row.description, age].filter(Boolean).join(' · ') };
}

const ROWS: Record<string, (o: AnyObject, nowMs: number) => ResourceRow> = {
  StatefulSet: (o) => readyRow(num(obj(o.status).readyReplicas, 0), num(obj(o.spec).replicas, 1)),
  DaemonSet: (o) => readyRow(num(obj(o.status).numberReady, 0), num(obj(o.status).desiredNumberScheduled, 0)),
  Job: jobRow,
  CronJob: cronJobRow,
  Service: serviceRow,
  Ingress: ingressRow,
  ConfigMap: (o) => ({ description: keyCount(Object.keys(obj(o.data)).length + Object.keys(obj(o.binaryData)).length), state: 'idle', details: [] }),
  Secret: (o) => ({ description: [str(o.type), keyCount(secretKeys(o).length)].filter(Boolean).join(' · '), state: 'idle', details: ['Values are masked: Reveal a key to see it (audited).'] }),
  HorizontalPodAutoscaler: hpaRow,
  PersistentVolumeClaim: pvcRow,
};

function readyRow(ready: number, desired: number): ResourceRow {
  const state: RowState = desired === 0 ? 'idle' : ready >= desired ? 'ok' : ready === 0 ? 'error' : 'progressing';
  return { description: `ready ${ready}/${desired}`, state, details: [] };
}

function keyCount(n: number): string {
  return `${n} key${n === 1 ? '' : 's'}`;
}

/** The keys of a Secret (data and stringData), sorted: what the tree lists, never the values. */
export function secretKeys(o: AnyObject): string[] {
  return [...new Set([...Object.keys(obj(o.data)), ...Object.keys(obj(o.stringData))])].sort();
}

/** A Secret's value for one key, decoded (data is base64; stringData is plain). undefined = no such key. */
export function secretValue(o: AnyObject, key: string): string | undefined {
  const data = obj(o.data);
  if (typeof data[key] === 'string') return Buffer.from(data[key], 'base64').toString('utf8');
  const plain = obj(o.stringData);
  return typeof plain[key] === 'string' ? plain[key] : undefined;
}

function jobRow(o: AnyObject, nowMs: number): ResourceRow {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const completions = num(spec.completions, 1);
  const succeeded = num(status.succeeded, 0);
  const conditions = arr(status.conditions).filter((c) => c.status === 'True');
  const failed = conditions.find((c) => c.type === 'Failed');
  const complete = conditions.find((c) => c.type === 'Complete');
  const start = timeMs(str(status.startTime) || undefined);
  const end = timeMs(str(status.completionTime) || undefined);
  const took = start !== undefined ? `took ${shortAge(start, end ?? nowMs)}` : '';
  const manual = o.metadata?.annotations?.['cronjob.kubernetes.io/instantiate'] === 'manual' ? 'run manually' : '';
  if (failed) return { description: ['failed', str(failed.reason), manual].filter(Boolean).join(' · '), state: 'error', details: [str(failed.message)].filter(Boolean) };
  if (complete) return { description: [`complete ${succeeded}/${completions}`, took, manual].filter(Boolean).join(' · '), state: 'ok', details: [] };
  if (spec.suspend === true) return { description: ['suspended', manual].filter(Boolean).join(' · '), state: 'idle', details: [] };
  const active = num(status.active, 0);
  return { description: [`running ${succeeded}/${completions}`, active ? `${active} active` : '', manual].filter(Boolean).join(' · '), state: 'progressing', details: [] };
}

function cronJobRow(o: AnyObject, nowMs: number): ResourceRow {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const last = timeMs(str(status.lastScheduleTime) || undefined);
  const lastOk = timeMs(str(status.lastSuccessfulTime) || undefined);
  const active = arr(status.active).length;
  const parts = [str(spec.schedule), last !== undefined ? `last run ${shortAge(last, nowMs)} ago` : 'never run', active ? `${active} active` : '', spec.suspend === true ? 'suspended' : ''];
  const details = [spec.timeZone ? `Time zone: ${str(spec.timeZone)}` : '', lastOk !== undefined ? `Last successful run ${shortAge(lastOk, nowMs)} ago` : 'No successful run recorded'].filter(Boolean);
  return { description: parts.filter(Boolean).join(' · '), state: spec.suspend === true ? 'idle' : active ? 'progressing' : 'ok', details };
}

/** kubectl's PORT(S) column: 80/TCP, 80:30080/TCP for a node port; a named or different target port in the tooltip. */
export function servicePorts(o: AnyObject): string {
  return arr(obj(o.spec).ports)
    .map((p) => `${str(p.port)}${p.nodePort ? `:${str(p.nodePort)}` : ''}/${str(p.protocol) || 'TCP'}`)
    .join(',');
}

function serviceRow(o: AnyObject): ResourceRow {
  const spec = obj(o.spec);
  const type = str(spec.type) || 'ClusterIP';
  const selector = Object.entries(obj(spec.selector)).map(([k, v]) => `${k}=${str(v)}`).join(',');
  const details = [`Cluster IP: ${str(spec.clusterIP) || '<none>'}`, selector ? `Selector: ${selector}` : 'No selector: its endpoints are managed by hand.'];
  const ports = servicePorts(o);
  return { description: [type, ports || 'no ports'].join(' · '), state: 'idle', details };
}

/** The ingress-nginx canary weight (0–100) of an Ingress marked as a canary, else undefined. */
export function canaryWeight(o: AnyObject): number | undefined {
  const a = o.metadata?.annotations ?? {};
  if (a[CANARY_ANNOTATION] !== 'true') return undefined;
  const w = Number(a[CANARY_WEIGHT_ANNOTATION] ?? '0');
  return Number.isFinite(w) ? w : undefined;
}

function ingressRow(o: AnyObject): ResourceRow {
  const rules = arr(obj(o.spec).rules);
  const hosts = [...new Set(rules.map((r) => str(r.host) || '*'))];
  const backends = rules.flatMap((r) =>
    arr(obj(r.http).paths).map((p) => {
      const svc = obj(obj(p.backend).service);
      const port = obj(svc.port);
      return `${str(r.host) || '*'}${str(p.path) || '/'} → ${str(svc.name)}:${str(port.number) || str(port.name)}`;
    }),
  );
  const weight = canaryWeight(o);
  const parts = [hosts.join(',') || 'no rules', weight !== undefined ? `canary ${weight}%` : ''];
  return { description: parts.filter(Boolean).join(' · '), state: weight !== undefined && weight > 0 ? 'progressing' : 'idle', details: backends.length ? ['Backends:', ...backends] : [] };
}

function hpaRow(o: AnyObject): ResourceRow {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const current = num(status.currentReplicas, 0);
  const desired = num(status.desiredReplicas, current);
  const min = num(spec.minReplicas, 1);
  const max = num(spec.maxReplicas, 0);
  const target = obj(spec.scaleTargetRef);
  const state: RowState = current === max && max > 0 ? 'warning' : current !== desired ? 'progressing' : 'ok';
  const details = [`Scales ${str(target.kind)}/${str(target.name)}`, current === max && max > 0 ? 'At its maximum: it cannot add replicas.' : ''].filter(Boolean);
  return { description: `replicas ${current}/${desired} · min ${min} max ${max}`, state, details };
}

function pvcRow(o: AnyObject): ResourceRow {
  const spec = obj(o.spec);
  const status = obj(o.status);
  const phase = str(status.phase) || 'Pending';
  const capacity = str(obj(status.capacity).storage) || str(obj(obj(spec.resources).requests).storage);
  const state: RowState = phase === 'Bound' ? 'ok' : phase === 'Lost' ? 'error' : 'progressing';
  const details = [spec.storageClassName ? `Storage class: ${str(spec.storageClassName)}` : '', spec.volumeName ? `Volume: ${str(spec.volumeName)}` : ''].filter(Boolean);
  return { description: [capacity, phase].filter(Boolean).join(' · '), state, details };
}

/** Any other kind: its status's phase or Ready condition when it has one, else nothing but the age. */
function genericRow(o: AnyObject): ResourceRow {
  const status = obj(o.status);
  const ready = arr(status.conditions).find((c) => c.type === 'Ready');
  const phase = str(status.phase);
  if (ready) return { description: ready.status === 'True' ? 'Ready' : `not Ready${ready.reason ? ` (${str(ready.reason)})` : ''}`, state: ready.status === 'True' ? 'ok' : 'warning', details: [str(ready.message)].filter(Boolean) };
  return { description: phase, state: 'idle', details: [] };
}
