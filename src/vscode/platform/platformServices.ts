// What the platform area's commands use: the three stores and the current clients.
import type { AlertsStore } from '../../domain/alerts/alertsStore';
import type { AgentsStore } from '../../domain/platform/agentsStore';
import type { ExperimentsStore } from '../../domain/platform/experimentsStore';
import type { Settings } from '../settings';
import type { CostPanels } from '../cost/costPanels';
import type { HealthPanels } from '../health/healthPanels';
import type { PlatformClients } from './platformClients';

export interface PlatformServices {
  alerts: AlertsStore;
  experiments: ExperimentsStore;
  agents: AgentsStore;
  /** Rebuilt when their settings change: always fetch through this. */
  clients(): PlatformClients;
  /** Fresh settings (the platform keys are re-read on change). */
  settings(): Settings;
  /** Re-renders the Experiments view (e.g. after a requeue changed a task under it). */
  refreshExperimentsView(): void;
  /** The cost panels (one per experiment, and the overview). */
  costPanels: CostPanels;
  /** The Service Health panels (one per service or namespace). */
  healthPanels: HealthPanels;
  /** Shows read-only Markdown rendered (experiment results). */
  showMarkdown(name: string, markdown: string): Promise<unknown>;
}
