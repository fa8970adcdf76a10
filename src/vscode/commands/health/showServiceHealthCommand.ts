// "Show Service Health": golden signals, SLOs, error budget and burn rates of a deployment's service (Deployments
// view), or of every service of a namespace (a namespace row in Deployments or Clusters); from the palette, a pick.
import * as vscode from 'vscode';
import type { DeploymentNode } from '../../../domain/workloads/workloadNodes';
import { CommandIds } from '../../commandIds';
import { type HealthTarget, serviceOfDeployment } from '../../health/healthPanels';
import { pickDeployment, refFromArg } from '../../workloads/deploymentTarget';
import type { CommandFactory } from '../command';

function targetOf(arg: unknown, defaultContext: string | undefined): HealthTarget | undefined {
  const node = arg as { kind?: string; context?: string; name?: string; namespace?: string } | undefined;
  if (node?.kind === 'namespace' && node.context && node.name) return { context: node.context, namespace: node.name };
  const ref = refFromArg(arg, defaultContext);
  if (!ref) return undefined;
  const selector = node?.kind === 'deployment' ? (arg as DeploymentNode).summary?.selector : undefined;
  return { context: ref.context, namespace: ref.namespace, deployment: { name: ref.name, service: serviceOfDeployment(ref.name, selector) } };
}

export const showServiceHealthCommand: CommandFactory = (services) => ({
  id: CommandIds.showServiceHealth,
  async run(arg?: unknown) {
    if (!services.platform.clients().prometheus) {
      const pick = await vscode.window.showWarningMessage('Set phoenixOps.prometheus.url to see service health: it comes from Prometheus.', 'Open Settings');
      if (pick) await vscode.commands.executeCommand('workbench.action.openSettings', 'phoenixOps.prometheus.url');
      return undefined;
    }
    let target = targetOf(arg, services.workloads.model.scope.context);
    if (!target) {
      const ref = await pickDeployment(services, 'Show Service Health');
      if (!ref) return undefined;
      target = { context: ref.context, namespace: ref.namespace, deployment: { name: ref.name, service: serviceOfDeployment(ref.name) } };
    }
    return services.platform.healthPanels.show(target);
  },
});
