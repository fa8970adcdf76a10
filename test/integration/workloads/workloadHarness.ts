// What the workload integration suites share: a sandbox (Kubernetes only), a WorkloadsClient per
// context from its kubeconfig, real kubectl with its own HOME.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadKubeconfig } from '../../../src/clients/kubernetes/kubeconfigLoader';
import { WorkloadsClient } from '../../../src/clients/kubernetes/workloadsClient';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../../sandbox/sandbox';

export interface WorkloadEnv {
  sandbox: Sandbox;
  client(context?: string, timeoutMs?: number, pageSize?: number): WorkloadsClient;
  /** Real kubectl against the sandbox (async: the simulator runs in this process). */
  kubectl(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

export async function startWorkloadEnv(opts: SandboxOptions = {}): Promise<WorkloadEnv> {
  const sandbox = await startSandbox({ services: false, timeScale: 0.2, ...opts });
  const home = mkdtempSync(join(tmpdir(), 'workloads-it-'));
  const kc = loadKubeconfig({ kubeconfigEnv: sandbox.info.kubeconfigPath, extraFiles: [] });
  return {
    sandbox,
    client: (context = 'phoenix-dev', timeoutMs = 5000, pageSize?: number) => {
      const cfg = kc.configFor(context);
      if (!cfg.ok) throw new Error(cfg.message);
      return new WorkloadsClient(context, cfg.config, timeoutMs, pageSize);
    },
    kubectl: async (...args) => (await promisify(execFile)('kubectl', [`--kubeconfig=${sandbox.info.kubeconfigPath}`, ...args], { env: { ...process.env, HOME: home }, timeout: 60_000 })).stdout,
    stop: async () => {
      await sandbox.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Revision numbers of `kubectl rollout history`. */
export function revisions(history: string): number[] {
  return history
    .split('\n')
    .filter((l) => /^\d+\s/.test(l))
    .map((l) => Number(l.split(/\s+/)[0]));
}
