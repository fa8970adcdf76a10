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

export async function startPlatformSandbox(
  services: SandboxServices,
  clusters: readonly SimCluster[],
  opts: Omit<PlatformSimulatorOptions, 'postgres'> = {},
): Promise<PlatformSandbox> {
  const simulator = await startPlatformSimulator({ ...opts, postgres: services.postgres });
  try {
    const registration = services.exporter.registry.register(new PlatformMetricsCollector(simulator.db));
    await services.writeRuleFile(ALERT_RULES_FILE, alertRulesYaml());
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
