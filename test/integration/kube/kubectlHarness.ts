// Runs the real kubectl against the simulator: a fresh temp dir (HOME, discovery cache,
// kubeconfig) per suite, two fake clusters (phoenix-dev, phoenix-prod) behind their own servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeSimulator, type KubeSimulator, type KubeSimulatorOptions } from '../../../sandbox/kube/kubeSimulator';
import type { SimCluster } from '../../../sandbox/kube/simCluster';
import { fakeCluster } from '../../unit/sandbox/kube/server/fakeCluster';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface KubectlRunOptions {
  kubeconfig?: string;
  timeoutMs?: number;
  stdin?: string;
}

export interface KubectlEnv {
  dir: string;
  sim: KubeSimulator;
  clusters: SimCluster[];
  /** Runs kubectl to completion with the simulator's kubeconfig (or another) and its own cache dir. */
  kubectl(args: string[], opts?: KubectlRunOptions): Promise<KubectlResult>;
  /** Starts a long-running kubectl (get -w, logs -f, port-forward); the caller kills it. */
  spawn(args: string[], extraEnv?: NodeJS.ProcessEnv): ChildProcess & { output(): string };
  stop(): Promise<void>;
}

export async function startKubectlEnv(opts: Partial<Pick<KubeSimulatorOptions, 'forbiddenNamespaces' | 'bookmarkIntervalMs' | 'gitVersion'>> & { clusters?: SimCluster[] } = {}): Promise<KubectlEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'kubectl-it-'));
  const clusters = opts.clusters ?? [fakeCluster('phoenix-dev'), fakeCluster('phoenix-prod')];
  const sim = await startKubeSimulator({ dir: join(dir, 'sim'), clusters, forbiddenNamespaces: opts.forbiddenNamespaces, bookmarkIntervalMs: opts.bookmarkIntervalMs, gitVersion: opts.gitVersion });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir };
  delete env.KUBECONFIG;
  const baseArgs = (kubeconfig?: string) => [`--kubeconfig=${kubeconfig ?? sim.kubeconfigPath}`, `--cache-dir=${join(dir, 'cache')}`];
  const children = new Set<ChildProcess>();

  return {
    dir,
    sim,
    clusters,
    kubectl: (args, o = {}) =>
      new Promise((resolve) => {
        const t0 = Date.now();
        const child = spawn('kubectl', [...baseArgs(o.kubeconfig), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 20_000);
        child.on('close', (code, signal) => {
          clearTimeout(timer);
          resolve({ code: code ?? (signal ? 137 : 1), stdout, stderr, ms: Date.now() - t0 });
        });
        child.stdin.end(o.stdin ?? '');
      }),
    spawn: (args, extraEnv = {}) => {
      const child = spawn('kubectl', [...baseArgs(), ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      children.add(child);
      child.on('close', () => children.delete(child));
      return Object.assign(child, { output: () => out });
    },
    stop: async () => {
      for (const c of children) c.kill('SIGKILL');
      await sim.stop();
      for (const c of clusters) c.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
