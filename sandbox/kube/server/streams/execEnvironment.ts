// What a simulated container looks like from inside: its environment (env with valueFrom configMapKeyRef,
// secretKeyRef, fieldRef and resourceFieldRef resolved, envFrom, $(VAR) references expanded, as the kubelet does)
// and the files of its mounted ConfigMaps and Secrets (path → content, mountPath relative to the scratch root).
import type { ObjectStore } from '../../store/objectStore';
import type { KubeObject } from '../../store/types';

interface KeyRef {
  name?: string;
  key?: string;
  optional?: boolean;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeyRef;
    secretKeyRef?: KeyRef;
    fieldRef?: { fieldPath?: string };
    resourceFieldRef?: { resource?: string; divisor?: string };
  };
}

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name?: string };
  secretRef?: { name?: string };
}

interface Container {
  name: string;
  env?: EnvVar[];
  envFrom?: EnvFrom[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
}

interface KeyToPath {
  key: string;
  path: string;
}

interface Volume {
  name: string;
  configMap?: { name?: string; items?: KeyToPath[] };
  secret?: { secretName?: string; items?: KeyToPath[] };
  emptyDir?: unknown;
}

/** The standard PATH of a Debian-based image; commands resolve against the host's binaries. */
export const CONTAINER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function containerOf(pod: KubeObject, name: string): Container | undefined {
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c) => c.name === name);
}

/** A ConfigMap's or Secret's data as text (Secrets base64-decoded), or undefined when it does not exist. */
function dataOf(store: ObjectStore, kind: 'configmaps' | 'secrets', namespace: string, name: string | undefined): Record<string, string> | undefined {
  if (!name) return undefined;
  const o = store.get(kind, namespace, name) as (KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> }) | undefined;
  if (!o) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.data ?? {})) out[k] = kind === 'secrets' ? Buffer.from(v, 'base64').toString('utf8') : v;
  for (const [k, v] of Object.entries(o.binaryData ?? {})) out[k] = Buffer.from(v, 'base64').toString('latin1');
  return out;
}

function pathValue(obj: unknown, path: string): string {
  const bracket = /^(metadata\.(?:labels|annotations))\['(.+)'\]$/.exec(path);
  if (bracket) {
    const map = bracket[1] === 'metadata.labels' ? (obj as KubeObject).metadata.labels : (obj as KubeObject).metadata.annotations;
    return map?.[bracket[2]] ?? '';
  }
  let cur: unknown = obj;
  for (const seg of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
  return typeof cur === 'string' || typeof cur === 'number' ? String(cur) : '';
}

/** limits.cpu / requests.memory … as the kubelet renders them with divisor 1: cores rounded up, bytes. */
function resourceValue(c: Container, resource: string): string {
  const [kind, name] = resource.split('.');
  const q = (kind === 'limits' ? c.resources?.limits : c.resources?.requests)?.[name ?? ''];
  if (!q) return '';
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) return q;
  const n = Number(m[1]);
  const scale: Record<string, number> = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  const v = n * (m[2] ? (scale[m[2]] ?? 1) : 1);
  return String(name === 'cpu' ? Math.ceil(v) : Math.round(v));
}

/** $(VAR) → an earlier variable's value; $$(VAR) → literal $(VAR); unknown references stay as written (kubelet rules). */
function expand(value: string, env: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (all, name: string | undefined) => {
    if (all === '$$') return '$';
    return name !== undefined && env.has(name) ? (env.get(name) ?? '') : all;
  });
}

/**
 * The container's environment as its process sees it: PATH, HOSTNAME, HOME, TERM (with a tty), then envFrom, then
 * env in order (later entries win, as in the kubelet). Missing ConfigMaps/Secrets leave their variables out.
 */
export function containerEnv(store: ObjectStore, pod: KubeObject, container: string, opts: { home: string; tty: boolean }): Record<string, string> {
  const env = new Map<string, string>([
    ['PATH', CONTAINER_PATH],
    ['HOSTNAME', pod.metadata.name],
    ['HOME', opts.home],
  ]);
  if (opts.tty) env.set('TERM', 'xterm');
  const c = containerOf(pod, container);
  const ns = pod.metadata.namespace ?? 'default';
  for (const from of c?.envFrom ?? []) {
    const data = from.configMapRef ? dataOf(store, 'configmaps', ns, from.configMapRef.name) : dataOf(store, 'secrets', ns, from.secretRef?.name);
    for (const [k, v] of Object.entries(data ?? {})) env.set(`${from.prefix ?? ''}${k}`, v);
  }
  for (const e of c?.env ?? []) {
    const vf = e.valueFrom;
    let value: string | undefined;
    if (!vf) value = expand(e.value ?? '', env);
    else if (vf.configMapKeyRef) value = dataOf(store, 'configmaps', ns, vf.configMapKeyRef.name)?.[vf.configMapKeyRef.key ?? ''];
    else if (vf.secretKeyRef) value = dataOf(store, 'secrets', ns, vf.secretKeyRef.name)?.[vf.secretKeyRef.key ?? ''];
    else if (vf.fieldRef?.fieldPath) value = pathValue(pod, vf.fieldRef.fieldPath);
    else if (vf.resourceFieldRef?.resource && c) value = resourceValue(c, vf.resourceFieldRef.resource);
    if (value !== undefined) env.set(e.name, value);
  }
  return Object.fromEntries(env);
}

export interface MountedFile {
  /** Relative to the scratch root: the mountPath without its leading "/", then the key's path. */
  path: string;
  content: string;
}

/** The files of the container's ConfigMap and Secret volumes, and the empty directories of its emptyDirs. */
export function mountedFiles(store: ObjectStore, pod: KubeObject, container: string): { files: MountedFile[]; dirs: string[] } {
  const c = containerOf(pod, container);
  const volumes = ((pod.spec ?? {}) as { volumes?: Volume[] }).volumes ?? [];
  const ns = pod.metadata.namespace ?? 'default';
  const files: MountedFile[] = [];
  const dirs: string[] = [];
  for (const m of c?.volumeMounts ?? []) {
    const v = volumes.find((x) => x.name === m.name);
    const at = m.mountPath.replace(/^\/+/, '');
    if (!v || !safeRelative(at)) continue;
    if (v.emptyDir !== undefined) {
      dirs.push(at);
      continue;
    }
    const data = v.configMap ? dataOf(store, 'configmaps', ns, v.configMap.name) : v.secret ? dataOf(store, 'secrets', ns, v.secret.secretName) : undefined;
    if (!data) continue;
    const items = v.configMap?.items ?? v.secret?.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    for (const item of items) {
      const value = data[item.key];
      if (value === undefined || !safeRelative(item.path)) continue;
      if (m.subPath) {
        // A subPath mount puts one key's file at the mountPath itself.
        if (item.path === m.subPath) files.push({ path: at, content: value });
        continue;
      }
      files.push({ path: `${at}/${item.path}`, content: value });
    }
  }
  return { files, dirs };
}

/** A path that stays inside the scratch root (no "..", not absolute). */
function safeRelative(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !p.split('/').includes('..');
}
