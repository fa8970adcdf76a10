// The cockpit's context-driven parts below the UI, wired as the extension wires them (src/vscode: registerWorkloads,
// registerRollouts, the Clusters view): the Clusters model, the Deployments model following the selection, and the
// rollout driver following the selected context. For the fleet test and benchmark (50 contexts).
import { KubeClient } from '../../src/clients/kubernetes/kubeClient';
import { KubeHttp } from '../../src/clients/kubernetes/kubeHttp';
import { type KubeconfigSnapshot, loadKubeconfig } from '../../src/clients/kubernetes/kubeconfigLoader';
import { RolloutsClient } from '../../src/clients/kubernetes/rolloutsClient';
import { WorkloadsClient } from '../../src/clients/kubernetes/workloadsClient';
import { ClustersModel } from '../../src/domain/clusters/clustersModel';
import type { ClustersNode } from '../../src/domain/clusters/clusterNodes';
import { type ResolvedSelection, resolveSelection } from '../../src/domain/clusters/selection';
import { RolloutDriver } from '../../src/domain/rollouts/driver/rolloutDriver';
import { SelectedContextFollow } from '../../src/domain/rollouts/driver/selectedContextFollow';
import { DeploymentsModel } from '../../src/domain/workloads/deploymentsModel';
import type { WorkloadNode } from '../../src/domain/workloads/workloadNodes';

export class FleetCockpit {
  readonly clusters: ClustersModel;
  readonly deployments: DeploymentsModel;
  readonly driver: RolloutDriver;
  private readonly follow: SelectedContextFollow;
  private current: ResolvedSelection;

  constructor(kubeconfigPath: string, opts: { allNamespaces: boolean; timeoutMs?: number }) {
    const timeoutMs = opts.timeoutMs ?? 10_000;
    this.clusters = new ClustersModel({ loadKubeconfig: () => loadKubeconfig({ kubeconfigEnv: kubeconfigPath, extraFiles: [] }), timeoutMs: () => timeoutMs });
    const kc = (): KubeconfigSnapshot => this.clusters.kubeconfig;
    this.deployments = new DeploymentsModel({
      sources: (context) => {
        const cfg = kc().configFor(context);
        if (!cfg.ok) return { message: cfg.message };
        const c = new WorkloadsClient(context, cfg.config, timeoutMs);
        return { deployments: (ns) => c.source('deployments', ns), replicaSets: (ns) => c.source('replicasets', ns), pods: (ns) => c.source('pods', ns) };
      },
    });
    this.driver = new RolloutDriver(
      { metrics: { query: () => Promise.resolve({ ok: false, kind: 'unreachable', message: 'no Prometheus in the fleet' }) }, audit: { record: () => undefined }, identity: 'fleet', now: Date.now, log: () => undefined },
      (context) => {
        const cfg = kc().configFor(context);
        return cfg.ok ? new RolloutsClient(context, new KubeHttp(cfg.config, timeoutMs), new KubeClient(context, cfg.config, timeoutMs)) : { message: cfg.message };
      },
    );
    this.follow = new SelectedContextFollow(this.driver, (m) => {
      throw new Error(m);
    });
    // Start-up: the kubeconfig's current-context, the views visible (the Clusters and Deployments views are open).
    this.current = resolveSelection(undefined, kc());
    this.clusters.setActive(true);
    this.deployments.setActive(true);
    this.apply(opts.allNamespaces);
  }

  get selection(): ResolvedSelection {
    return this.current;
  }

  /** What Switch Context does: the cockpit's selection only (the status bar reads it; it makes no request). */
  switchContext(context: string): void {
    this.current = resolveSelection({ context }, this.clusters.kubeconfig);
    this.apply(this.deployments.scope.allNamespaces);
  }

  /** Expanding a context in the Clusters view (the selected one starts expanded). */
  expand(context: string): Promise<ClustersNode[]> {
    const node = this.clusters.contextNode(context);
    if (!node) throw new Error(`no context ${context}`);
    return this.clusters.children(node);
  }

  /** Resolves with the number of deployment rows once the Deployments view shows the first of the current scope's. */
  firstDeploymentRows(): Promise<number> {
    const rows = (): number =>
      this.deployments
        .roots()
        .filter((n) => n.kind === 'namespace')
        .reduce((sum, ns) => sum + this.deployments.children(ns).filter((c: WorkloadNode) => c.kind === 'deployment').length, 0);
    return new Promise((resolve) => {
      const now = rows();
      if (now > 0) return resolve(now);
      const sub = this.deployments.onDidChange(() => {
        const n = rows();
        if (n === 0) return;
        sub.dispose();
        resolve(n);
      });
    });
  }

  dispose(): void {
    this.follow.dispose();
    this.deployments.dispose();
    this.clusters.dispose();
    this.driver.dispose();
  }

  private apply(allNamespaces: boolean): void {
    const { context, namespace } = this.current;
    this.deployments.setScope({ context, namespace, allNamespaces });
    this.follow.select(context);
  }
}
