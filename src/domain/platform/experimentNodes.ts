// The Experiments tree as data: the cost flow, then experiments (active first) expanding into their figures,
// pipeline deployments and tasks. The view adapter maps each `kind` to a TreeItem.
import type { ServiceError } from '../../clients/http/serviceError';
import type { CostFlow, Experiment, PipelineDeployment } from '../../clients/platform/platformTypes';
import type { QueueTask } from '../../clients/platform/taskQueueClient';
import type { PgError } from '../../clients/postgres/postgresClient';
import type { ExperimentsSnapshot } from './experimentsStore';
import { integer, money, percent, phaseRank } from './platformFormat';

export type ExperimentsNode =
  | { kind: 'costFlow'; id: string; costFlow: CostFlow; asOf?: Date }
  | { kind: 'experiment'; id: string; experiment: Experiment; deployments: PipelineDeployment[]; asOf?: Date }
  | { kind: 'fact'; id: string; label: string; value: string; icon: string }
  | { kind: 'deployments'; id: string; experimentId: string; deployments: PipelineDeployment[]; error?: ServiceError }
  | { kind: 'deployment'; id: string; deployment: PipelineDeployment }
  | { kind: 'experimentTasks'; id: string; experimentId: string }
  | { kind: 'task'; id: string; task: QueueTask }
  | { kind: 'dbError'; id: string; error: PgError }
  | { kind: 'error'; id: string; error: ServiceError };

export function experimentsRoots(s: ExperimentsSnapshot): ExperimentsNode[] {
  if (!s.configured) return [];
  const nodes: ExperimentsNode[] = [];
  if (s.error) nodes.push({ kind: 'error', id: 'error', error: s.error });
  // A cost flow that cannot be read says so (the experiments may be fine); one known before stays, marked.
  else if (s.costFlowError) nodes.push({ kind: 'error', id: 'cost-flow-error', error: { ...s.costFlowError, message: `Cost flow: ${s.costFlowError.message}` } });
  if (s.costFlow && s.costFlow.beforeMonthly !== undefined) nodes.push({ kind: 'costFlow', id: 'cost-flow', costFlow: s.costFlow, ...(s.costFlowAsOf ? { asOf: s.costFlowAsOf } : {}) });
  const sorted = [...s.experiments].sort((a, b) => phaseRank(a.phase) - phaseRank(b.phase) || (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.name.localeCompare(b.name));
  for (const e of sorted) nodes.push({ kind: 'experiment', id: `exp:${e.id}`, experiment: e, deployments: s.deployments.get(e.id) ?? [], ...(s.experimentsAsOf ? { asOf: s.experimentsAsOf } : {}) });
  return nodes;
}

export function experimentChildren(node: Extract<ExperimentsNode, { kind: 'experiment' }>, deploymentsError?: ServiceError): ExperimentsNode[] {
  const e = node.experiment;
  const m = e.metrics;
  const id = (k: string) => `exp:${e.id}:${k}`;
  const facts: ExperimentsNode[] = [
    { kind: 'fact', id: id('pipelines'), label: 'Pipelines', value: `${e.baselinePipeline || '—'} → ${e.candidatePipeline || '—'}`, icon: 'git-compare' },
    {
      kind: 'fact',
      id: id('cardinality'),
      label: 'Cardinality',
      value: `${integer(m.baselineCardinality)} → ${integer(m.candidateCardinality)} series (−${percent(m.cardinalityReductionPercent)})`,
      icon: 'graph',
    },
    {
      kind: 'fact',
      id: id('cost'),
      label: 'Monthly cost',
      value: `${money(m.costBeforeMonthly)} → ${money(m.costAfterMonthly)}, saves ${money(m.costSavingsMonthly)}`,
      icon: 'credit-card',
    },
    { kind: 'fact', id: id('namespaces'), label: 'Namespaces', value: e.targetNamespaces.join(', ') || '—', icon: 'symbol-namespace' },
  ];
  if (e.stopReason) facts.push({ kind: 'fact', id: id('stop'), label: 'Stopped', value: e.stopReason, icon: 'debug-stop' });
  return [
    ...facts,
    { kind: 'deployments', id: id('deployments'), experimentId: e.id, deployments: node.deployments, ...(deploymentsError ? { error: deploymentsError } : {}) },
    { kind: 'experimentTasks', id: id('tasks'), experimentId: e.id },
  ];
}

export function deploymentChildren(node: Extract<ExperimentsNode, { kind: 'deployments' }>): ExperimentsNode[] {
  const items: ExperimentsNode[] = node.deployments
    .slice()
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || (a.variant ?? '').localeCompare(b.variant ?? '') || a.name.localeCompare(b.name))
    .map((d) => ({ kind: 'deployment', id: `${node.id}:${d.id}`, deployment: d }));
  return node.error ? [{ kind: 'error', id: `${node.id}:error`, error: node.error }, ...items] : items;
}

/** One line for an experiment row: "running · −55.0% · saves $11,729/mo". */
export function experimentSummary(e: Experiment): string {
  const parts = [e.phase];
  if (e.metrics.cardinalityReductionPercent !== undefined) parts.push(`−${percent(e.metrics.cardinalityReductionPercent)}`);
  if (e.metrics.costSavingsMonthly !== undefined) parts.push(`saves ${money(e.metrics.costSavingsMonthly)}/mo`);
  return parts.join(' · ');
}
