// Wiring of progressive delivery: the rollout driver (fed by the platform's Prometheus and
// Alertmanager clients, auditing to the audit log, observing only in read-only mode), plan problems
// in the editor, the contexts it follows (the selected one, and those where this machine started a
// canary, remembered so a restart resumes them), and the Deployments tree's rollout rows.
import { hostname, userInfo } from 'node:os';
import * as vscode from 'vscode';
import { RolloutDriver, type DriverClient } from '../../domain/rollouts/driver/rolloutDriver';
import { SelectedContextFollow } from '../../domain/rollouts/driver/selectedContextFollow';
import { alertmanagerAlerts, prometheusMetrics } from '../../domain/rollouts/driver/serviceAdapters';
import { KubeClient } from '../../clients/kubernetes/kubeClient';
import { KubeHttp } from '../../clients/kubernetes/kubeHttp';
import { RolloutsClient } from '../../clients/kubernetes/rolloutsClient';
import type { ClustersModel } from '../../domain/clusters/clustersModel';
import type { PlatformServices } from '../platform/platformServices';
import type { AuditLog } from '../safety/auditLog';
import type { Settings } from '../settings';
import type { LazyViews } from '../startup/lazyViews';
import type { SelectionState } from '../state/selectionState';
import { loadPlans } from './planLibrary';
import { ViewIds } from '../commandIds';
import { RolloutsTreeProvider } from './rolloutsTreeProvider';
import { PlanDiagnostics } from './planDiagnostics';
import type { RolloutServices } from './rolloutServices';

export interface RolloutsDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  clusters: ClustersModel;
  selection: SelectionState;
  settings: () => Settings;
  audit: AuditLog;
  platform: PlatformServices;
  showPanel: RolloutServices['showPanel'];
  views: LazyViews;
}

const FOLLOWED_KEY = 'phoenixOps.rollouts.followedContexts';
/** A context where this machine started a canary is followed for this long after (a week of canaries). */
const FOLLOW_MS = 7 * 24 * 3600_000;

export interface Rollouts extends vscode.Disposable {
  services: RolloutServices;
  tree: RolloutsTreeProvider;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

export function registerRollouts(deps: RolloutsDeps): Rollouts {
  const user = currentUser();
  const identity = `${user}@${hostname()} (window ${vscode.env.sessionId.slice(0, 8)})`;
  const clientFor = (context: string): DriverClient | { message: string } => {
    const cfg = deps.clusters.kubeconfig.configFor(context);
    if (!cfg.ok) return { message: cfg.message };
    const timeout = deps.settings().requestTimeoutMs;
    return new RolloutsClient(context, new KubeHttp(cfg.config, timeout), new KubeClient(context, cfg.config, timeout));
  };
  const driver = new RolloutDriver(
    {
      metrics: prometheusMetrics(() => deps.platform.clients().prometheus),
      alerts: alertmanagerAlerts(() => deps.platform.clients().alertmanagers),
      audit: { record: (r) => void deps.audit.record(r) },
      identity,
      now: Date.now,
      log: (line) => deps.log.info(line),
      mayDrive: () => !deps.settings().readOnly,
    },
    clientFor,
  );
  const watched = new Map<string, vscode.Disposable>();
  const follow = (context: string) => {
    if (watched.has(context)) return;
    const w = driver.watchContext(context);
    if ('message' in w) {
      deps.log.warn(`rollouts: cannot follow ${context}: ${w.message}`);
      return;
    }
    watched.set(context, w);
  };
  const remember = (context: string) => {
    const now = Date.now();
    const kept = (deps.context.globalState.get<Record<string, number>>(FOLLOWED_KEY) ?? {});
    const next = Object.fromEntries(Object.entries({ ...kept, [context]: now }).filter(([, at]) => now - at < FOLLOW_MS));
    void deps.context.globalState.update(FOLLOWED_KEY, next);
  };
  // A restart resumes: the contexts this machine started canaries on are followed from activation.
  for (const [context, at] of Object.entries(deps.context.globalState.get<Record<string, number>>(FOLLOWED_KEY) ?? {})) {
    if (Date.now() - at < FOLLOW_MS && deps.clusters.kubeconfig.contexts.some((c) => c.name === context)) follow(context);
  }
  // The selected context is followed while selected (a fleet of contexts switched through leaves no watches behind).
  const selectedFollow = new SelectedContextFollow(driver, (m) => deps.log.warn(m));
  const followSelected = () => selectedFollow.select(deps.selection.current.context);
  followSelected();
  const selectionSub = deps.selection.onDidChange(followSelected);
  const diagnostics = new PlanDiagnostics(() => deps.settings().rollouts.planFolder);
  const tree = new RolloutsTreeProvider(driver, () => ({ context: deps.selection.current.context, namespace: deps.selection.current.namespace }), deps.context.workspaceState);
  // The view was created at start-up with a stand-in (startup/lazyViews): bind the real rows to it.
  const view = deps.views.bind(ViewIds.rollouts, tree);
  tree.setVisible(view.visible);
  const visibility = view.onDidChangeVisibility((e) => tree.setVisible(e.visible));
  const selectionRefresh = deps.selection.onDidChange(() => tree.refresh());

  const services: RolloutServices = {
    driver,
    identity,
    user,
    plans: () => loadPlans(deps.settings().rollouts.planFolder),
    planFolder: () => deps.settings().rollouts.planFolder,
    timeScale: () => deps.settings().rollouts.timeScale,
    follow: (context) => {
      remember(context);
      follow(context);
    },
    showPanel: deps.showPanel,
    refreshView: () => tree.refresh(),
    dismissOutcome: (key) => tree.dismiss(key),
  };
  return {
    services,
    tree,
    dispose: () => {
      selectionSub.dispose();
      selectedFollow.dispose();
      selectionRefresh.dispose();
      visibility.dispose();
      tree.dispose();
      diagnostics.dispose();
      for (const w of watched.values()) w.dispose();
      driver.dispose();
    },
  };
}
