// Clusters view data: kubeconfig merge + live namespace list, against `kubectl get namespaces -o json`.
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { KubeClient } from '../src/clients/kubernetes/kubeClient';
import type { Sandbox } from '../sandbox/sandbox';
import { type Comparison, kubectl, median } from './harness';

export async function clustersBench(sandbox: Sandbox, home: string): Promise<Comparison> {
  const kubeconfig = sandbox.info.kubeconfigPath;
  const ours = await median(15, async () => {
    const snap = loadKubeconfig({ kubeconfigEnv: kubeconfig, extraFiles: [] });
    const cfg = snap.configFor('phoenix-dev');
    if (!cfg.ok) throw new Error(cfg.message);
    const r = await new KubeClient('phoenix-dev', cfg.config, 10_000).listNamespaces();
    if (!r.ok) throw new Error(r.error.message);
  });
  const theirs = await median(15, () => kubectl(kubeconfig, home, ['get', 'namespaces', '-o', 'json']));
  return {
    name: 'Clusters: contexts + namespaces of a cluster',
    ours: { label: 'kubeconfig merge + list', ms: ours },
    theirs: { label: 'kubectl get ns -o json', ms: theirs },
  };
}
