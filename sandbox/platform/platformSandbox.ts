// Adds the platform to a running sandbox: the simulator on the services' PostgreSQL, its metrics on the exporter, the guides' alert rules in Prometheus, and the triggers.
import type { SimCluster } from '../kube/simCluster';
import type { SandboxServices } from '../services/startServices';
import { ALERT_RULES_FILE, alertRulesYaml } from './alertRules';
import { PlatformMetricsCollector } from './platformMetrics';
import { type PlatformSimulator, type PlatformSimulatorOptions, startPlatformSimulator } from './platformSimulator';
import { type SandboxTriggers, sandboxTriggers } from './sandboxTriggers';

export interface PlatformSandbox {
  simulator: PlatformSimulator;
  triggers: SandboxTriggers;
  stop(): Promise<void>;
}

function readyReplicas(cluster: SimCluster, namespace: string, name: string): number {
  const d = cluster.store.get('deployments', namespace, name);
  const ready = (d?.status as { readyReplicas?: unknown } | undefined)?.readyReplicas;
  return typeof ready === 'number' ? ready : 0;
}

export async function startPlatformSandbox(
  services: SandboxServices,
  clusters: readonly SimCluster[],
  opts: Omit<PlatformSimulatorOptions, 'postgres'> = {},
): Promise<PlatformSandbox> {
  // The sandbox's database is phoenix-dev's: its platform-api answers and its controller moves experiments only
  // while their deployments have a ready pod (scaling phoenix-system to 0 for a restore stops every writer).
  const dev = clusters[0];
  const ready = (name: string) => () => !dev || readyReplicas(dev, 'phoenix-system', name) > 0;
  const simulator = await startPlatformSimulator({ serving: ready('platform-api'), ticking: ready('controller'), ...opts, postgres: services.postgres });
  try {
    const registration = services.exporter.registry.register(new PlatformMetricsCollector(simulator.db));
    await services.writeRuleFile(ALERT_RULES_FILE, alertRulesYaml(services.handles.prometheus.intervalSeconds));
    return {
      simulator,
      triggers: sandboxTriggers(clusters, simulator),
      stop: async () => {
        registration.dispose();
        await simulator.stop();
      },
    };
  } catch (e) {
    await simulator.stop();
    throw e;
  }
}
