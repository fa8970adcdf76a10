// The Cost Reduction panel of each experiment and the Cost Overview: one panel per experiment (opening it again
// reveals it), data from the platform API and Prometheus, live while visible, buttons that run the experiment commands.
import * as vscode from 'vscode';
import type { Experiment } from '../../clients/platform/platformTypes';
import { costActions, costOverviewDashboard, experimentCostDashboard } from '../../domain/cost/costDashboard';
import { type CostClients, LIFE_RANGE, loadCostOverview, loadExperimentCost } from '../../domain/cost/costData';
import { CommandIds } from '../commandIds';
import { PanelRegistry } from '../webviews/chartPanel';
import { DashboardPanel, type DashboardSnapshot } from '../webviews/dashboardPanel';

export interface CostPanelsDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  clients(): CostClients;
  refreshIntervalMs(): number;
}

const OVERVIEW = 'overview';

export class CostPanels implements vscode.Disposable {
  private readonly panels = new PanelRegistry<DashboardPanel>();
  /** The experiments last shown, for the buttons that act on them (Stop, Show Results). */
  private readonly experiments = new Map<string, Experiment>();

  constructor(private readonly deps: CostPanelsDeps) {}

  showExperiment(e: Pick<Experiment, 'id' | 'name'>): DashboardPanel {
    return this.panels.open(`experiment:${e.id}`, () =>
      new DashboardPanel(this.deps, {
        viewType: 'phoenixOps.costReduction',
        title: `Cost: ${e.name}`,
        initialRange: LIFE_RANGE.id,
        intervalMs: () => this.deps.refreshIntervalMs(),
        load: async (rangeId, signal) => {
          const r = await loadExperimentCost(this.deps.clients(), e.id, rangeId, Date.now(), signal);
          if (!r.ok) return r;
          this.experiments.set(e.id, r.value.experiment);
          return { ok: true, value: experimentCostDashboard(r.value, Date.now(), Math.round(this.deps.refreshIntervalMs() / 1000)) };
        },
        onAction: (id) => this.act(id),
      }),
    );
  }

  showOverview(): DashboardPanel {
    return this.panels.open(OVERVIEW, () =>
      new DashboardPanel(this.deps, {
        viewType: 'phoenixOps.costOverview',
        title: 'Cost Overview',
        initialRange: '24h',
        intervalMs: () => this.deps.refreshIntervalMs(),
        load: async (rangeId, signal) => {
          const r = await loadCostOverview(this.deps.clients(), rangeId, Date.now(), signal);
          if (!r.ok) return r;
          for (const x of r.value.experiments) this.experiments.set(x.id, x);
          return { ok: true, value: costOverviewDashboard(r.value, Date.now(), Math.round(this.deps.refreshIntervalMs() / 1000)) };
        },
        onAction: (id) => this.act(id),
      }),
    );
  }

  snapshots(): DashboardSnapshot[] {
    return this.panels.all.map((p) => p.snapshot());
  }

  dispose(): void {
    this.panels.dispose();
  }

  private async act(action: string): Promise<void> {
    const [kind, id = ''] = action.split(/:(.*)/s);
    const experiment = this.experiments.get(id);
    if (!experiment) return;
    if (action === costActions.showExperiment(id)) this.showExperiment(experiment);
    else if (action === costActions.showResults(id)) await vscode.commands.executeCommand(CommandIds.showExperimentResults, experiment);
    else if (action === costActions.stopExperiment(id)) {
      await vscode.commands.executeCommand(CommandIds.stopExperiment, experiment);
      await Promise.all(this.panels.all.map((p) => p.refreshNow()));
    } else this.deps.log.warn(`cost panel: unknown action ${kind}`);
  }
}
