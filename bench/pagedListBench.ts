// Paged lists at 10,011 deployments (202 namespaces), the model the Deployments view uses, side by side
// with `kubectl get deploy -A --chunk-size=500` (kubectl prints each chunk's table rows as it arrives):
// the first screenful (the first namespace rows of the first page) and the complete tree.
// Runs in this Node process, not in the editor (the editor adds its render on top).
// Alone: node esbuild.config.mjs --production && node out/bench/pagedListBench.js
import { spawn } from 'node:child_process';
import type { V1Deployment } from '@kubernetes/client-node';
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { WorkloadsClient } from '../src/clients/kubernetes/workloadsClient';
import { DeploymentsModel } from '../src/domain/workloads/deploymentsModel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Comparison, printComparisons } from './harness';
import { startSandboxProcess } from './sandboxProcess';

const RUNS = 5;

function modelFor(kubeconfig: string): DeploymentsModel {
  const cfg = loadKubeconfig({ kubeconfigEnv: kubeconfig, extraFiles: [] }).configFor('phoenix-dev');
  if (!cfg.ok) throw new Error(cfg.message);
  const client = new WorkloadsClient('phoenix-dev', cfg.config, 10_000);
  const m = new DeploymentsModel({ sources: () => ({ deployments: (ns) => client.source<V1Deployment>('deployments', ns), replicaSets: (ns) => client.source('replicasets', ns), pods: (ns) => client.source('pods', ns) }) });
  m.setScope({ context: 'phoenix-dev', namespace: 'default', allNamespaces: true });
  return m;
}

/** From "the view is shown" to the first namespace rows, and to the complete list. */
async function ours(kubeconfig: string): Promise<{ firstMs: number; completeMs: number; rows: number }> {
  const m = modelFor(kubeconfig);
  const t0 = performance.now();
  let firstMs = 0;
  const first = new Promise<void>((resolve) => {
    const sub = m.onDidChange(() => {
      if (!m.roots().some((n) => n.kind === 'namespace')) return;
      firstMs = performance.now() - t0;
      sub.dispose();
      resolve();
    });
  });
  m.setActive(true);
  m.roots(); // VS Code's first getChildren: starts the list
  await first;
  await m.whenListed();
  const completeMs = performance.now() - t0;
  const rows = m.roots().reduce((n, ns) => n + (ns.kind === 'namespace' ? ns.counts.deployments : 0), 0);
  m.dispose();
  return { firstMs, completeMs, rows };
}

/** kubectl's first table row on stdout, and its exit (also the baseline of the in-editor screenful, screenfulBench). */
export function kubectlFirstRow(kubeconfig: string, home: string): Promise<{ firstMs: number; completeMs: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstMs = 0;
    const p = spawn('kubectl', [`--kubeconfig=${kubeconfig}`, '--context=phoenix-dev', 'get', 'deploy', '-A', '--chunk-size=500'], { env: { ...process.env, HOME: home } });
    let seen = '';
    p.stdout.on('data', (c: Buffer) => {
      if (firstMs) return;
      seen += c.toString();
      if (seen.split('\n').length > 2) firstMs = performance.now() - t0; // the header and a first row
    });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ firstMs, completeMs: performance.now() - t0 }) : reject(new Error(`kubectl exited ${code}`))));
  });
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function pagedListBenches(home: string): Promise<Comparison[]> {
  const sandbox = await startSandboxProcess(['--load', '200x50']);
  try {
    const kc = sandbox.info.kubeconfigPath;
    const o: { firstMs: number; completeMs: number; rows: number }[] = [];
    const k: { firstMs: number; completeMs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      o.push(await ours(kc));
      k.push(await kubectlFirstRow(kc, home));
    }
    const rows = o[0].rows;
    if (rows < 10_000) throw new Error(`expected ≥ 10,000 deployments, got ${rows}`);
    const note = `${rows.toLocaleString('en')} deployments in pages of 500, medians of ${RUNS} (interleaved runs)`;
    return [
      { name: 'Deployments: first screenful (paged)', ours: { label: 'first namespace rows', ms: med(o.map((x) => x.firstMs)) }, theirs: { label: 'kubectl --chunk-size=500 first row', ms: med(k.map((x) => x.firstMs)) }, notes: [note] },
      { name: 'Deployments: complete list (paged)', ours: { label: 'whole list in the model', ms: med(o.map((x) => x.completeMs)) }, theirs: { label: 'kubectl get deploy -A --chunk-size=500', ms: med(k.map((x) => x.completeMs)) }, notes: [note] },
    ];
  } finally {
    await sandbox.stop();
  }
}

if (require.main === module) {
  const home = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  pagedListBenches(home).then(
    (r) => {
      rmSync(home, { recursive: true, force: true });
      printComparisons(r);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
