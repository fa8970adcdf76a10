// Loads and merges kubeconfig files the way kubectl does, keeping per-file errors instead of failing.
//
// kubectl's rules (clientcmd): the files of KUBECONFIG (path-list separated) are read in order,
// missing files are skipped, and for every map key (cluster, user, context name) and for
// current-context the FIRST file that sets it wins. Without KUBECONFIG it reads ~/.kube/config.
// The cockpit adds the files of the setting phoenixOps.kubeconfigFiles after those.
//
// A user entry that runs a program for its credentials (exec, auth-provider) and comes from a file a
// workspace's settings added is not used until the user has said yes to that exact plugin: a cloned
// repository must not be able to run a program by naming a kubeconfig.
//
// Only client-node's small config_types module is used here (the kubeconfig field names and checks, as client-node
// reads them): the status bar needs the contexts at start-up, the 1.1 MB client only when a cluster is asked something.
import { createHash } from 'node:crypto';
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

/** A credential plugin (exec or auth-provider) from a workspace-supplied file, waiting for the user's yes. */
export interface PendingPlugin {
  /** Identifies the file, the user entry and the exact plugin: a changed command needs a new yes. */
  fingerprint: string;
  file: string;
  user: string;
  /** What would run, for the prompt: "exec: aws eks get-token --cluster-name x". */
  description: string;
}

export type ConfigForResult = { ok: true; config: ContextConfig } | { ok: false; message: string; plugin?: PendingPlugin };

export interface KubeconfigSnapshot {
  /** The files read, in order, with where they came from; `blockedPlugins`: it holds a workspace-supplied plugin not allowed yet. */
  files: { path: string; source: 'KUBECONFIG' | 'default' | 'setting'; exists: boolean; fromWorkspace?: boolean; blockedPlugins?: boolean }[];
  contexts: ContextEntry[];
  /** kubectl's current-context (from the kubectl-visible files only). */
  currentContext?: string;
  errors: KubeconfigFileError[];
  /** One context of the merged config (its cluster and user), or an explanation of why not. */
  configFor(context: string): ConfigForResult;
}

export interface KubeconfigSources {
  /** The KUBECONFIG environment variable (undefined or empty = unset). */
  kubeconfigEnv?: string;
  /** Extra files from settings. `~` is expanded. */
  extraFiles: readonly string[];
  /** The extra files that a workspace's settings named (their credential plugins need the user's yes). */
  workspaceFiles?: readonly string[];
  /** Whether the user allowed the plugin with this fingerprint. */
  pluginAllowed?: (fingerprint: string) => boolean;
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
  const fromWorkspace = new Set((src.workspaceFiles ?? []).map(expand));
  for (const f of out) if (f.source === 'setting' && fromWorkspace.has(f.path)) f.fromWorkspace = true;
  return out;
}

/** The plugin a user entry runs for its credentials, if any, described for a prompt. */
export function credentialPlugin(user: User): string | undefined {
  const exec = user.exec as { command?: unknown; args?: unknown } | undefined;
  if (exec) return `exec: ${[exec.command, ...(Array.isArray(exec.args) ? (exec.args as unknown[]) : [])].map(shown).join(' ')}`;
  const provider = user.authProvider as { name?: unknown; config?: Record<string, unknown> } | undefined;
  if (provider) {
    const cmd = provider.config?.['cmd-path'];
    return `auth-provider: ${shown(provider.name)}${cmd ? ` (runs ${shown(cmd)} ${shown(provider.config?.['cmd-args'] ?? '')})` : ''}`.trim();
  }
  return undefined;
}

function shown(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

export function pluginFingerprint(file: string, user: User): string {
  return createHash('sha256')
    .update(JSON.stringify([file, user.name, user.exec ?? null, user.authProvider ?? null]))
    .digest('hex');
}

export function loadKubeconfig(src: KubeconfigSources): KubeconfigSnapshot {
  const files = kubeconfigFileList(src);
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, { user: User; file: string }>();
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
    for (const u of kc.users) if (!users.has(u.name)) users.set(u.name, { user: u, file: f.path });
    for (const c of kc.contexts) if (!contexts.has(c.name)) contexts.set(c.name, { ctx: c, file: f.path, kubectl });
    if (kubectl && !currentContext && kc.currentContext) currentContext = kc.currentContext;
  }

  const workspaceFiles = new Set(files.filter((f) => f.fromWorkspace).map((f) => f.path));
  const pendingPlugin = (u: { user: User; file: string }): PendingPlugin | undefined => {
    const description = workspaceFiles.has(u.file) ? credentialPlugin(u.user) : undefined;
    if (!description) return undefined;
    const fingerprint = pluginFingerprint(u.file, u.user);
    return src.pluginAllowed?.(fingerprint) ? undefined : { fingerprint, file: u.file, user: u.user.name, description };
  };
  for (const f of files) if (f.fromWorkspace && [...users.values()].some((u) => u.file === f.path && pendingPlugin(u))) f.blockedPlugins = true;

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
      const plugin = pendingPlugin(user);
      if (plugin) {
        return {
          ok: false,
          plugin,
          message: `context "${name}" gets its credentials by running a program (${plugin.description}) from ${plugin.file}, a file this workspace's settings added; it runs only once you allow it`,
        };
      }
      return { ok: true, config: { context: entry.ctx, cluster, user: user.user } };
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
