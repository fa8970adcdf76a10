// Wiring of the platform area: Alerts, Experiments and Agents views, their stores and clients, the alerts status bar
// item and critical notifications. extension.ts calls this once; everything is disposed with the returned value.
import { clockTime } from '../../core/clock';
import type * as vscode from 'vscode';
import { AlertsStore } from '../../domain/alerts/alertsStore';
import { AgentsStore } from '../../domain/platform/agentsStore';
import { ExperimentsStore } from '../../domain/platform/experimentsStore';
import { ViewIds } from '../commandIds';
import { CostPanels } from '../cost/costPanels';
import { HealthPanels } from '../health/healthPanels';
import type { CockpitSecrets } from '../secrets';
import { onSettingsChanged, readSettings, type Settings } from '../settings';
import type { LazyViews } from '../startup/lazyViews';
import { AgentsTreeProvider } from './agentsTreeProvider';
import { AlertsStatusBar } from './alertsStatusBar';
import { AlertsTreeProvider } from './alertsTreeProvider';
import { CriticalAlertNotifier } from './criticalAlertNotifier';
import { ExperimentsTreeProvider } from './experimentsTreeProvider';
import type { PlatformApi } from './platformApi';
import { buildPlatformClients, CLIENT_SETTING_KEYS, type PlatformClients } from './platformClients';
import type { PlatformServices } from './platformServices';
import { ResultsDocuments } from './resultsDocuments';
import { seedSandboxPassword } from './sandboxPassword';

export interface PlatformDeps {
  log: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
  secrets: CockpitSecrets;
  views: LazyViews;
}

export interface Platform extends vscode.Disposable {
  services: PlatformServices;
  api: PlatformApi;
}

export function registerPlatform(deps: PlatformDeps): Platform {
  let settings: Settings = readSettings();
  let clients: PlatformClients = buildPlatformClients(settings, deps.secrets);

  const alerts = new AlertsStore({
    alertmanagers: () => clients.alertmanagers,
    prometheus: () => clients.prometheus,
    intervals: () => ({ visibleMs: settings.alerts.refreshIntervalMs, backgroundMs: settings.alerts.backgroundCheckMs }),
  });
  const agents = new AgentsStore({
    prometheus: () => clients.prometheus,
    tasks: () => clients.taskQueue,
    intervalMs: () => settings.platform.refreshIntervalMs,
    downAfterSeconds: () => settings.platform.agentDownAfterSeconds,
  });
  const experiments = new ExperimentsStore({ platform: () => clients.platform, intervalMs: () => settings.platform.refreshIntervalMs });

  const timeoutMs = () => settings.requestTimeoutMs;
  const alertsTree = new AlertsTreeProvider(alerts);
  const experimentsTree = new ExperimentsTreeProvider(experiments, agents, timeoutMs);
  const agentsTree = new AgentsTreeProvider(agents, timeoutMs);
  const alertsView = deps.views.bind(ViewIds.alerts, alertsTree);
  const experimentsView = deps.views.bind(ViewIds.experiments, experimentsTree);
  const agentsView = deps.views.bind(ViewIds.agents, agentsTree);
  const statusBar = new AlertsStatusBar(alerts);
  const notifier = new CriticalAlertNotifier(alerts, () => settings.alerts.notifyOnCritical);
  const documents = new ResultsDocuments();
  const costPanels = new CostPanels({ extensionUri: deps.extensionUri, log: deps.log, clients: () => clients, refreshIntervalMs: () => settings.charts.refreshIntervalMs });
  const healthPanels = new HealthPanels({ extensionUri: deps.extensionUri, log: deps.log, prometheus: () => clients.prometheus, refreshIntervalMs: () => settings.charts.refreshIntervalMs });

  // Poll only while someone looks (the alerts' background check aside, which feeds the status bar).
  const follow = (view: vscode.TreeView<unknown>, store: { setVisible(v: boolean): void }) => {
    store.setVisible(view.visible);
    return view.onDidChangeVisibility((e) => store.setVisible(e.visible));
  };
  let lastErrors = '';
  const subscriptions: vscode.Disposable[] = [
    follow(alertsView, alerts),
    follow(experimentsView, experiments),
    follow(agentsView, agents),
    alerts.onDidChange((s) => {
      const critical = s.alerts.filter((a) => a.state === 'firing' && a.severity === 'critical').length;
      const unknown = s.unknownSince ? ` (state unknown since ${clockTime(s.unknownSince)}: more may be)` : '';
      alertsView.badge = critical ? { value: critical, tooltip: `${critical} critical alert${critical === 1 ? '' : 's'} firing${unknown}` } : undefined;
      // Log a failure when it starts or changes, not at every poll.
      const errors = s.errors.map((e) => e.message).join('\n');
      if (errors && errors !== lastErrors) deps.log.warn(`alerts: ${errors}`);
      lastErrors = errors;
    }),
    onSettingsChanged([...CLIENT_SETTING_KEYS, 'alerts', 'platform', 'agents', 'charts'], () => {
      const before = settings;
      settings = readSettings();
      const clientsChanged = CLIENT_SETTING_KEYS.some((k) => JSON.stringify(pick(before, k)) !== JSON.stringify(pick(settings, k)));
      if (clientsChanged) {
        clients = buildPlatformClients(settings, deps.secrets);
        void alerts.reset();
        void experiments.reset();
        void agents.reset();
      } else {
        alerts.start();
        experiments.start();
        agents.start();
      }
    }),
  ];
  alerts.start();
  // npm start's sandbox: its database password arrives in the environment; once stored, ask the queue again.
  void seedSandboxPassword(deps.secrets).then(
    (seeded) => {
      if (!seeded) return;
      deps.log.info('stored the sandbox database password (from npm start) in SecretStorage');
      void agents.refresh();
    },
    (e: unknown) => deps.log.error('storing the sandbox database password failed', e),
  );

  const services: PlatformServices = {
    alerts,
    experiments,
    agents,
    clients: () => clients,
    settings: () => settings,
    refreshExperimentsView: () => experimentsTree.refresh(),
    costPanels,
    healthPanels,
    showMarkdown: (name, markdown) => documents.show(name, markdown),
  };
  return {
    services,
    api: {
      alertsTree,
      experimentsTree,
      agentsTree,
      alertsStatusBarText: () => statusBar.text,
      criticalNotifications: () => notifier.shown,
      dashboards: () => [...costPanels.snapshots(), ...healthPanels.snapshots()],
    },
    dispose: () => {
      for (const d of subscriptions) d.dispose();
      for (const d of [costPanels, healthPanels, documents, notifier, statusBar, alertsTree, experimentsTree, agentsTree, alerts, experiments, agents]) d.dispose();
    },
  };
}

function pick(s: Settings, key: (typeof CLIENT_SETTING_KEYS)[number]): unknown {
  switch (key) {
    case 'alertmanager.urls':
      return s.alertmanagerUrls;
    case 'prometheus.url':
      return s.prometheusUrl;
    case 'platformApi.url':
      return s.platformApiUrl;
    case 'database':
      return s.database;
    case 'requestTimeoutSeconds':
      return s.requestTimeoutMs;
    case 'maxResponseMB':
      return s.maxResponseBytes;
  }
}
