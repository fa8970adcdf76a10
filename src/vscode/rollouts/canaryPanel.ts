// The canary panel: one per rollout, live while visible. Each refresh reads the rollout from the
// driver and, for every gate, the canary's and the primary's values over the rollout from
// Prometheus; the page draws them with the shared chart component and lists every check. Its
// buttons run the same guarded commands as the palette.
import * as vscode from 'vscode';
import type { PrometheusClient, QueryData } from '../../clients/prometheus/prometheusClient';
import { checkRows, gateCharts, type GateSeries, type Samples } from '../../domain/rollouts/canaryCharts';
import { gateQuery } from '../../domain/rollouts/driver/checkReader';
import type { RolloutDriver } from '../../domain/rollouts/driver/rolloutDriver';
import type { RolloutSnapshot } from '../../domain/rollouts/driver/rolloutRunner';
import { isActive } from '../../domain/rollouts/rolloutState';
import { rolloutRow } from '../../domain/rollouts/rolloutSummary';
import { scaledInterval } from '../../domain/rollouts/stateMachine';
import type { CanaryControl, CanaryViewState, FromCanaryView, ToCanaryView } from '../../shared/canaryPanelProtocol';
import { CommandIds } from '../commandIds';
import { ChartPanel, PanelRegistry } from '../webviews/chartPanel';

export interface CanaryTarget {
  context: string;
  namespace: string;
  canary: string;
}

export interface CanaryPanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  driver: RolloutDriver;
  prometheus(): PrometheusClient | undefined;
}

type Panel = ChartPanel<FromCanaryView, ToCanaryView>;

const CONTROL_COMMANDS: Record<CanaryControl, string> = {
  pause: CommandIds.pauseCanary,
  resume: CommandIds.resumeCanary,
  promote: CommandIds.promoteCanary,
  abort: CommandIds.abortCanary,
  setWeight: CommandIds.setCanaryWeight,
};

export class CanaryPanels implements vscode.Disposable {
  private readonly registry = new PanelRegistry<Panel>();
  /** The view each open panel shows last (tests read it; a reloaded page gets it again). */
  private readonly views = new Map<Panel, CanaryViewState>();

  constructor(private readonly deps: CanaryPanelDeps) {}

  open(target: CanaryTarget): Panel {
    return this.registry.open(`${target.context}/${target.namespace}/${target.canary}`, () => this.create(target));
  }

  /** What the open panels show, for tests and the status of the UI. */
  states(): CanaryViewState[] {
    return this.registry.all.map((p) => this.views.get(p)).filter((v): v is CanaryViewState => v !== undefined);
  }

  dispose(): void {
    this.registry.dispose();
  }

  private snapshot(t: CanaryTarget): RolloutSnapshot | undefined {
    return this.deps.driver.snapshots().find((s) => s.context === t.context && s.namespace === t.namespace && s.canary === t.canary);
  }

  private create(target: CanaryTarget): Panel {
    const primary = target.canary.replace(/-canary$/, '');
    const refresh = async (signal: AbortSignal) => {
      const view = await this.view(target, signal);
      this.views.set(panel, view);
      panel.post('state', view);
    };
    const panel: Panel = new ChartPanel<FromCanaryView, ToCanaryView>({
      viewType: 'phoenixOps.canaryPanel',
      title: `Canary: ${primary}`,
      script: 'canaryPanel',
      extensionUri: this.deps.extensionUri,
      log: this.deps.log,
      handlers: {
        control: ({ control }) => {
          const command = CONTROL_COMMANDS[control];
          if (command) void vscode.commands.executeCommand(command, target).then(() => panel.refreshNow());
        },
      },
      onReady: () => {
        const v = this.views.get(panel);
        if (v) panel.post('state', v);
        void panel.refreshNow();
      },
      refresh: {
        intervalMs: () => {
          const s = this.snapshot(target)?.state;
          return s && isActive(s.status) ? Math.max(2000, scaledInterval(s) * 1000) : 15_000;
        },
        run: refresh,
      },
    });
    // The driver's changes (a check, a phase, a command from elsewhere) show at once while visible.
    const sub = this.deps.driver.onDidChange((s) => {
      if (s.context === target.context && s.namespace === target.namespace && s.canary === target.canary && panel.visible) void panel.refreshNow();
    });
    panel.onDidDispose(() => {
      sub.dispose();
      this.views.delete(panel);
    });
    return panel;
  }

  private async view(target: CanaryTarget, signal: AbortSignal): Promise<CanaryViewState> {
    const snap = this.snapshot(target);
    const s = snap?.state;
    const now = Date.now();
    const none: Record<CanaryControl, boolean> = { pause: false, resume: false, promote: false, abort: false, setWeight: false };
    if (!s) {
      return { title: target.canary, status: 'unknown', headline: snap?.error ? 'the rollout cannot be read' : 'looking for the rollout…', details: [], controls: none, charts: [], gateNames: [], checks: [], ...(snap?.error ? { error: snap.error } : {}) };
    }
    const row = rolloutRow(s, now, snap);
    const series = await this.series(s, now, signal);
    return {
      title: `${s.target.deployment} → ${s.target.image}`,
      status: s.status,
      headline: row.description,
      ...(s.reason ? { reason: s.reason } : {}),
      // The reason has its own box at the top; the list says the rest.
      details: row.details.filter((d) => d !== s.reason),
      controls: {
        pause: s.status === 'running' || s.status === 'starting',
        resume: s.status === 'paused',
        promote: s.status === 'running' || s.status === 'paused',
        abort: isActive(s.status) && s.status !== 'promoting',
        setWeight: s.status === 'running' || s.status === 'paused',
      },
      charts: gateCharts(s, snap.checks, series.gates, Math.floor(now / 1000)),
      gateNames: s.plan.gates.map((g) => g.name),
      checks: checkRows(s, snap.checks),
      ...(snap.error || series.error ? { error: [snap.error, series.error].filter(Boolean).join('; ') } : {}),
    };
  }

  /** Each gate for both tracks over the rollout, about 240 points, from Prometheus. */
  private async series(s: NonNullable<RolloutSnapshot['state']>, now: number, signal: AbortSignal): Promise<{ gates: GateSeries[]; error?: string }> {
    const prom = this.deps.prometheus();
    const start = new Date(Date.parse(s.servingSince ?? s.startedAt) - 30_000);
    const end = new Date(s.endedAt ? Math.min(now, Date.parse(s.endedAt) + 30_000) : now);
    const stepSeconds = Math.max(1, Math.ceil((end.getTime() - start.getTime()) / 1000 / 240));
    let error: string | undefined;
    const read = async (expr: string): Promise<Samples> => {
      if (!prom) {
        error = 'Prometheus is not configured (phoenixOps.prometheus.url)';
        return [];
      }
      const r = await prom.queryRange(expr, { start, end, stepSeconds, signal });
      if (!r.ok) {
        error = r.error.message;
        return [];
      }
      return samples(r.value);
    };
    const gates = await Promise.all(
      s.plan.gates.map(async (gate): Promise<GateSeries> => {
        const canaryQuery = gateQuery(s, gate, 'canary');
        const primaryQuery = gateQuery(s, gate, 'primary');
        const [canary, primary] = await Promise.all([read(canaryQuery), read(primaryQuery)]);
        return { gate, canary, primary, canaryQuery, primaryQuery };
      }),
    );
    return { gates, ...(error ? { error } : {}) };
  }
}

/** The first series of a range (or instant) answer as [unix seconds, value] pairs. */
function samples(d: QueryData): Samples {
  if (d.resultType !== 'matrix') return [];
  const first = d.result[0];
  return (first?.values ?? []).map(([t, v]) => [t, Number(v)] as [number, number]).filter(([, v]) => !Number.isNaN(v));
}
