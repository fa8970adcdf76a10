// Pod template identity: the `pod-template-hash` label and template equality ignoring that label, as the deployment controller needs them.
import { LABEL_POD_TEMPLATE_HASH, type PodTemplateSpec } from './kinds';

/**
 * A canonical form for comparing templates. kubectl sends templates back with `creationTimestamp: null`
 * and `resources: {}`, and an API server may or may not have filled in defaults, so nulls and empty
 * objects/arrays are dropped and the API server's usual pod defaults are applied before comparing.
 */
export function canonicalTemplate(t: PodTemplateSpec | undefined): unknown {
  const copy = structuredClone(t ?? {});
  const labels = copy.metadata?.labels;
  if (labels) delete labels[LABEL_POD_TEMPLATE_HASH];
  applyPodDefaults(copy);
  return prune(copy);
}

export function templateKey(t: PodTemplateSpec | undefined): string {
  return JSON.stringify(canonicalTemplate(t));
}

/** Equal as the real controller's EqualIgnoreHash: same template once the hash label is ignored. */
export function equalIgnoringHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return templateKey(a) === templateKey(b);
}

/**
 * The real controller's hash: a 32-bit FNV-1a of the template, printed in decimal and each digit mapped
 * onto the "safe" alphabet (rand.SafeEncodeString), e.g. "7d4b9c8f5".
 */
export function podTemplateHash(t: PodTemplateSpec | undefined, collisionCount = 0): string {
  let h = fnv1a32(templateKey(t));
  if (collisionCount > 0) h = fnv1a32(String(collisionCount), h);
  return safeEncode(String(h));
}

/** A template carrying the hash label (for the ReplicaSet's template and its pods). */
export function withHashLabel(t: PodTemplateSpec | undefined, hash: string): PodTemplateSpec {
  const copy = structuredClone(t ?? {});
  copy.metadata = { ...(copy.metadata ?? {}), labels: { ...(copy.metadata?.labels ?? {}), [LABEL_POD_TEMPLATE_HASH]: hash } };
  return copy;
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function fnv1a32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Drops null/undefined, empty objects and empty arrays, and sorts keys, recursively. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out = v.map(prune).filter((x) => x !== undefined);
    return out.length ? out : undefined;
  }
  if (isObj(v)) {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) {
      const x = prune(v[k]);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null ? undefined : v;
}

function setDefault(o: Json, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** The defaults a real API server writes into a pod template (so defaulted and bare templates compare equal). */
function applyPodDefaults(t: PodTemplateSpec): void {
  const spec = t.spec as Json | undefined;
  if (!spec) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccount === undefined) spec.serviceAccount = spec.serviceAccountName;
  for (const list of ['containers', 'initContainers']) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (!isObj(c)) continue;
      setDefault(c, 'terminationMessagePath', '/dev/termination-log');
      setDefault(c, 'terminationMessagePolicy', 'File');
      const image = typeof c.image === 'string' ? c.image : '';
      setDefault(c, 'imagePullPolicy', imageTagOrLatest(image) === 'latest' ? 'Always' : 'IfNotPresent');
      if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) setDefault(p, 'protocol', 'TCP');
      for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
        const pr = c[probe];
        if (!isObj(pr)) continue;
        setDefault(pr, 'timeoutSeconds', 1);
        setDefault(pr, 'periodSeconds', 10);
        setDefault(pr, 'successThreshold', 1);
        setDefault(pr, 'failureThreshold', 3);
        if (isObj(pr.httpGet)) setDefault(pr.httpGet, 'scheme', 'HTTP');
      }
      if (Array.isArray(c.env)) {
        for (const e of c.env) {
          const fieldRef = isObj(e) && isObj(e.valueFrom) ? e.valueFrom.fieldRef : undefined;
          if (isObj(fieldRef)) setDefault(fieldRef, 'apiVersion', 'v1');
        }
      }
    }
  }
}

/** The tag of an image reference; "latest" when it has none (digests count as pinned). */
export function imageTagOrLatest(image: string): string {
  if (image.includes('@')) return 'digest';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : 'latest';
}
