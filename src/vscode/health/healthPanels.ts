// Service Health panels: one per service (from a deployment) or namespace, with SLOs from the workspace file,
// data from Prometheus, live while visible; buttons open runbooks, another service's panel, or the SLO file.
import type * as vscode from 'vscode';
import type { PrometheusClient } from '../../clients/prometheus/prometheusClient';
import { healthActions, healthDashboard } from '../../domain/health/healthDashboard';
import { loadHealth } from '../../domain/health/healthData';
import { openRunbookLink } from '../runbooks/openRunbookLink';
import { PanelRegistry } from '../webviews/chartPanel';
import { DashboardPanel, type DashboardSnapshot } from '../webviews/dashboardPanel';
import { editSlos, readSlos } from './sloFile';

export interface HealthPanelsDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  prometheus(): PrometheusClient | undefined;
  refreshIntervalMs(): number;
}

export interface HealthTarget {
  context: string;
  namespace: string;
  /** Absent: the whole namespace. */
  deployment?: { name: string; service: string };
}

/** The `service` label of a deployment's metrics: its app label (from the selector), else its name without -canary. */
export function serviceOfDeployment(name: string, selector?: string): string {
  const labels = Object.fromEntries((selector ?? '').split(',').map((p) => p.split('=').map((x) => x.trim()) as [string, string]));
  return labels.app ?? labels['app.kubernetes.io/name'] ?? name.replace(/-canary$/, '');
}

export class HealthPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<DashboardPanel>();

  constructor(private readonly deps: HealthPanelsDeps) {}

  show(target: HealthTarget): DashboardPanel {
    const key = `${target.context}/${target.namespace}/${target.deployment?.name ?? ''}`;
    const name = target.deployment?.service ?? target.namespace;
    return this.panels.open(key, () =>
      new DashboardPanel(this.deps, {
        viewType: 'phoenixOps.serviceHealth',
        title: `Health: ${name}`,
        initialRange: '1h',
        intervalMs: () => this.deps.refreshIntervalMs(),
        load: async (rangeId, signal) => {
          const slos = await readSlos();
          const r = await loadHealth(this.deps.prometheus(), slos.config, { ...target, rangeId }, Date.now(), signal);
          if (!r.ok) return r;
          const state = healthDashboard(r.value, Date.now(), Math.round(this.deps.refreshIntervalMs() / 1000));
          return { ok: true, value: { ...state, notices: [...slos.problems.map((text) => ({ tone: 'warning' as const, text })), ...state.notices] } };
        },
        onAction: (id) => this.act(target, id),
      }),
    );
  }

  snapshots(): DashboardSnapshot[] {
    return this.panels.all.map((p) => p.snapshot());
  }

  dispose(): void {
    this.panels.dispose();
  }

  private async act(target: HealthTarget, id: string): Promise<void> {
    if (id === healthActions.editSlos) {
      await editSlos(this.deps.extensionUri);
    } else if (id.startsWith('runbook:')) {
      await openRunbookLink(id.slice('runbook:'.length), this.deps.log);
    } else if (id.startsWith('service:')) {
      const service = id.slice('service:'.length);
      // The namespace table names services; their deployment carries the same name (the app label).
      this.show({ context: target.context, namespace: target.namespace, deployment: { name: service, service } });
    } else this.deps.log.warn(`health panel: unknown action ${id}`);
  }
}
