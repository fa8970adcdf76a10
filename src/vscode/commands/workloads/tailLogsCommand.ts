// "Tail Logs": follow every pod of a deployment (or one pod, or pods by label selector) in a panel,
// including pods a rollout starts later; all containers or one; starting from the last N lines or a time.
import * as vscode from 'vscode';
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { WorkloadsClient } from '../../../clients/kubernetes/workloadsClient';
import type { LogTailOptions } from '../../../domain/logs/logTail';
import { selectorString } from '../../../domain/workloads/objectMeta';
import type { DeploymentRef } from '../../../domain/workloads/workloadNodes';
import { CommandIds } from '../../commandIds';
import { pickDeployment, refFromArg } from '../../workloads/deploymentTarget';
import type { LogTailPanel } from '../../workloads/logs/logTailPanel';
import type { CockpitServices, CommandFactory } from '../command';

/** What automation may pass as the second argument instead of answering the questions. */
interface TailArgs {
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
}

interface TailTarget {
  context: string;
  namespace: string;
  /** What the panel is called: the deployment, the pod or the selector. */
  name: string;
  labelSelector?: string;
  pod?: string;
  containers: string[];
}

export const tailLogsCommand: CommandFactory = (services) => ({
  id: CommandIds.tailLogs,
  async run(arg?: unknown, argsArg?: unknown): Promise<LogTailPanel | undefined> {
    const target = await resolveTailTarget(arg, services);
    if (!target) return undefined;
    const client = services.workloads.clientFor(target.context);
    if (!(client instanceof WorkloadsClient)) {
      void vscode.window.showErrorMessage(`Phoenix Ops: cannot tail logs on ${target.context}: ${client.message}`);
      return undefined;
    }
    const args = (argsArg && typeof argsArg === 'object' ? argsArg : undefined) as TailArgs | undefined;
    const settings = services.settings().logs;
    const container = args ? args.container : await pickContainer(target);
    if (container === null) return undefined;
    const start = args ? { tailLines: args.tailLines, sinceSeconds: args.sinceSeconds } : await pickStart(settings.tailLines);
    if (!start) return undefined;
    const options: LogTailOptions = { namespace: target.namespace, labelSelector: target.labelSelector, pod: target.pod, container: container ?? undefined, ...start, maxStreams: settings.maxStreams };
    const what = target.pod ? `pod ${target.pod}` : target.labelSelector ?? '';
    const from = start.sinceSeconds ? `since ${start.sinceSeconds} s ago` : start.tailLines !== undefined ? `last ${start.tailLines} lines` : 'all lines';
    const subtitle = `${target.context} / ${target.namespace} · ${what} · ${container ?? 'all containers'} · ${from}`;
    return services.workloads.tails.open(client, `Logs: ${target.name}`, subtitle, options);
  },
});

async function resolveTailTarget(arg: unknown, services: CockpitServices): Promise<TailTarget | undefined> {
  const defaultContext = services.workloads.model.scope.context;
  const plain = (arg && typeof arg === 'object' ? arg : {}) as { context?: unknown; namespace?: unknown; labelSelector?: unknown; pod?: unknown };
  if (typeof plain.namespace === 'string' && (typeof plain.labelSelector === 'string' || typeof plain.pod === 'string')) {
    const context = typeof plain.context === 'string' ? plain.context : defaultContext;
    if (!context) return undefined;
    const pod = typeof plain.pod === 'string' ? plain.pod : undefined;
    const labelSelector = typeof plain.labelSelector === 'string' ? plain.labelSelector : undefined;
    return { context, namespace: plain.namespace, name: pod ?? labelSelector ?? '', pod, labelSelector, containers: [] };
  }
  const ref: (DeploymentRef & { pod?: string }) | 'selector' | undefined = refFromArg(arg, defaultContext) ?? (await pickDeployment(services, 'Tail Logs', true));
  if (!ref) return undefined;
  if (ref === 'selector') return askSelector(services);
  const client = services.workloads.clientFor(ref.context);
  if (!(client instanceof WorkloadsClient)) return undefined;
  if (ref.pod) {
    const pods = await client.list<V1Pod>('pods', ref.namespace, { fieldSelector: `metadata.name=${ref.pod}` });
    const containers = pods.ok ? (pods.value.items[0]?.spec?.containers ?? []).map((c) => c.name) : [];
    return { context: ref.context, namespace: ref.namespace, name: ref.pod, pod: ref.pod, containers };
  }
  const d: V1Deployment | undefined = services.workloads.model.deployment(ref.namespace, ref.name) ?? (await client.getDeployment(ref).then((r) => (r.ok ? r.value : undefined)));
  if (!d) {
    void vscode.window.showErrorMessage(`Phoenix Ops: cannot read deployment ${ref.name} in ${ref.namespace} to find its pods.`);
    return undefined;
  }
  const labelSelector = selectorString(d.spec?.selector);
  return { context: ref.context, namespace: ref.namespace, name: ref.name, labelSelector, containers: (d.spec?.template?.spec?.containers ?? []).map((c) => c.name) };
}

async function askSelector(services: CockpitServices): Promise<TailTarget | undefined> {
  const { context, namespace } = services.workloads.model.scope;
  if (!context) return undefined;
  const labelSelector = await vscode.window.showInputBox({
    title: `Tail Logs: pods by label selector in ${context} / ${namespace}`,
    prompt: 'A label selector as kubectl takes it: app=platform-api, tier in (api,web), track!=canary',
    placeHolder: 'app=platform-api',
    ignoreFocusOut: true,
    validateInput: (v) => (/^[\w./-]+\s*(=|==|!=|\s+in\s+|\s+notin\s+)?/.test(v.trim()) ? undefined : 'Write a label selector, e.g. app=platform-api'),
  });
  if (!labelSelector?.trim()) return undefined;
  return { context, namespace, name: labelSelector.trim(), labelSelector: labelSelector.trim(), containers: [] };
}

/** undefined = all containers; null = cancelled. */
async function pickContainer(target: TailTarget): Promise<string | undefined | null> {
  if (target.containers.length <= 1) return undefined;
  const all = { label: 'All containers', description: target.containers.join(', '), container: undefined as string | undefined };
  const picked = await vscode.window.showQuickPick([all, ...target.containers.map((c) => ({ label: c, description: '', container: c as string | undefined }))], {
    title: `Tail Logs: ${target.name} — which containers`,
  });
  return picked ? picked.container : null;
}

async function pickStart(defaultTail: number): Promise<{ tailLines?: number; sinceSeconds?: number } | undefined> {
  const items = [
    { label: `Last ${defaultTail} lines, then follow`, start: { tailLines: defaultTail } },
    { label: 'Last 1,000 lines, then follow', start: { tailLines: 1000 } },
    { label: 'Since 5 minutes ago', start: { sinceSeconds: 300 } },
    { label: 'Since 1 hour ago', start: { sinceSeconds: 3600 } },
    { label: 'Only new lines', start: { tailLines: 0 } },
    { label: 'Everything the containers still have', start: {} },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Tail Logs: start from', placeHolder: 'Pods that start later are always read from their first line' });
  return picked?.start;
}
