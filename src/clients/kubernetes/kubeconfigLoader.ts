// Loads and merges kubeconfig files the way kubectl does, keeping per-file errors instead of failing.
//
// kubectl's rules (clientcmd): the files of KUBECONFIG (path-list separated) are read in order,
// missing files are skipped, and for every map key (cluster, user, context name) and for
// current-context the FIRST file that sets it wins. Without KUBECONFIG it reads ~/.kube/config.
// The cockpit adds the files of the setting phoenixOps.kubeconfigFiles after those.
//
// Only client-node's small config_types module is used here (the kubeconfig field names and checks, as client-node
// reads them): the status bar needs the contexts at start-up, the 1.1 MB client only when a cluster is asked something.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { type Cluster, type Context, newClusters, newContexts, newUsers, type User } from '@kubernetes/client-node/dist/config_types.js';
import { parse as parseYaml } from 'yaml';
import type { ContextConfig } from './contextConfig';

export interface KubeconfigFileError {
  file: string;
  /** One line, for a tree node. */
  message: string;
  /** The full parser message (may span lines), for a tooltip. */
  detail: string;
}

export interface ContextEntry {
  name: string;
  cluster: string;
  user: string;
  /** The context's default namespace, if it sets one. */
  namespace?: string;
  /** The API server URL, or undefined when the context's cluster is not defined anywhere. */
  server?: string;
  /** The file that defined this context (first one wins). */
  file: string;
  /** Whether kubectl (which does not read the cockpit's extra files) sees this context. */
  visibleToKubectl: boolean;
}

export interface KubeconfigSnapshot {
  /** The files read, in order, with where they came from. */
  files: { path: string; source: 'KUBECONFIG' | 'default' | 'setting'; exists: boolean }[];
  contexts: ContextEntry[];
  /** kubectl's current-context (from the kubectl-visible files only). */
  currentContext?: string;
  errors: KubeconfigFileError[];
  /** One context of the merged config (its cluster and user), or an explanation of why not. */
  configFor(context: string): { ok: true; config: ContextConfig } | { ok: false; message: string };
}

export interface KubeconfigSources {
  /** The KUBECONFIG environment variable (undefined or empty = unset). */
  kubeconfigEnv?: string;
  /** Extra files from settings. `~` is expanded. */
  extraFiles: readonly string[];
  home?: string;
}

export function kubeconfigFileList(src: KubeconfigSources): KubeconfigSnapshot['files'] {
  const home = src.home ?? homedir();
  const expand = (p: string) => resolve(p.startsWith('~') ? join(home, p.slice(1)) : p);
  const out: KubeconfigSnapshot['files'] = [];
  const seen = new Set<string>();
  const add = (p: string, source: 'KUBECONFIG' | 'default' | 'setting') => {
    const abs = expand(p);
    if (seen.has(abs)) return; // kubectl de-duplicates the list too
    seen.add(abs);
    out.push({ path: abs, source, exists: existsSync(abs) });
  };
  const envFiles = (src.kubeconfigEnv ?? '').split(delimiter).filter((p) => p.trim() !== '');
  if (envFiles.length > 0) envFiles.forEach((p) => add(p, 'KUBECONFIG'));
  else add(join(home, '.kube', 'config'), 'default');
  src.extraFiles.filter((p) => p.trim() !== '').forEach((p) => add(p, 'setting'));
  return out;
}

export function loadKubeconfig(src: KubeconfigSources): KubeconfigSnapshot {
  const files = kubeconfigFileList(src);
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, { ctx: Context; file: string; kubectl: boolean }>();
  const errors: KubeconfigFileError[] = [];
  let currentContext: string | undefined;

  for (const f of files) {
    if (!f.exists) continue;
    let kc: KubeconfigFile;
    try {
      kc = readKubeconfigFile(f.path);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      errors.push({ file: f.path, message: firstLine(detail), detail });
      continue;
    }
    const kubectl = f.source !== 'setting';
    for (const c of kc.clusters) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.users) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.contexts) if (!contexts.has(c.name)) contexts.set(c.name, { ctx: c, file: f.path, kubectl });
    if (kubectl && !currentContext && kc.currentContext) currentContext = kc.currentContext;
  }

  const entries: ContextEntry[] = [...contexts.values()].map(({ ctx, file, kubectl }) => ({
    name: ctx.name,
    cluster: ctx.cluster,
    user: ctx.user,
    namespace: ctx.namespace,
    server: clusters.get(ctx.cluster)?.server,
    file,
    visibleToKubectl: kubectl,
  }));

  return {
    files,
    contexts: entries,
    currentContext,
    errors,
    configFor(name) {
      const entry = contexts.get(name);
      if (!entry) return { ok: false, message: `context "${name}" is not defined in any kubeconfig file` };
      const cluster = clusters.get(entry.ctx.cluster);
      if (!cluster) return { ok: false, message: `context "${name}" refers to cluster "${entry.ctx.cluster}", which no kubeconfig file defines` };
      const user = users.get(entry.ctx.user);
      if (!user) return { ok: false, message: `context "${name}" refers to user "${entry.ctx.user}", which no kubeconfig file defines` };
      return { ok: true, config: { context: entry.ctx, cluster, user } };
    },
  };
}

interface KubeconfigFile {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext?: string;
}

/**
 * Reads one file. YAML is parsed by `yaml` for precise messages (line and column), and a scalar or a list
 * is refused as kubectl refuses it; client-node's own readers then check and name the entries.
 */
function readKubeconfigFile(file: string): KubeconfigFile {
  const text = readFileSync(file, 'utf8');
  const doc = parseYaml(text, { prettyErrors: true }) as unknown;
  if (doc !== null && doc !== undefined && (typeof doc !== 'object' || Array.isArray(doc))) {
    throw new Error('not a kubeconfig: expected a YAML mapping with clusters, users and contexts');
  }
  const obj = (doc ?? {}) as { clusters?: unknown; users?: unknown; contexts?: unknown; 'current-context'?: unknown };
  // Relative certificate paths are relative to the file, as in kubectl (client-node's makePathsAbsolute).
  const dir = dirname(file);
  const abs = (p: string | undefined) => (p && !isAbsolute(p) ? join(dir, p) : p);
  return {
    clusters: newClusters(obj.clusters).map((c) => ({ ...c, caFile: abs(c.caFile) })),
    users: newUsers(obj.users).map((u) => ({ ...u, certFile: abs(u.certFile), keyFile: abs(u.keyFile) })),
    contexts: newContexts(obj.contexts),
    ...(typeof obj['current-context'] === 'string' && obj['current-context'] ? { currentContext: obj['current-context'] } : {}),
  };
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim() !== '') ?? s;
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}
