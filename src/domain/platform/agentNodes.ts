// The Agents tree as data: the task queue (depth by status, expanding into its tasks) and each agent with its
// last-seen age, down past the AgentDown threshold, expanding into its tasks.
import type { QueueTask, TaskStatus } from '../../clients/platform/taskQueueClient';
import { TASK_STATUSES } from '../../clients/platform/taskQueueClient';
import type { PgError } from '../../clients/postgres/postgresClient';
import type { AgentsSnapshot, AgentView, FleetProblem } from './agentsStore';

export type AgentsNode =
  | { kind: 'queue'; id: string; depth: Record<TaskStatus, number>; asOf?: Date }
  | { kind: 'queueStatus'; id: string; status: TaskStatus; count: number }
  | { kind: 'agent'; id: string; agent: AgentView; downAfterSeconds: number; asOf?: Date }
  | { kind: 'task'; id: string; task: QueueTask }
  | { kind: 'dbError'; id: string; error: PgError }
  | { kind: 'fleetError'; id: string; error: FleetProblem }
  | { kind: 'message'; id: string; text: string };

export function agentsRoots(s: AgentsSnapshot, configured: boolean): AgentsNode[] {
  if (!configured) return [];
  if (!s.loaded) return [{ kind: 'message', id: 'loading', text: 'Loading agents and the task queue…' }];
  const nodes: AgentsNode[] = [];
  // An error is shown above what was last known before it (marked with its time), never instead of it.
  if (s.depthError) nodes.push({ kind: 'dbError', id: 'queue-error', error: s.depthError });
  if (s.depth) nodes.push({ kind: 'queue', id: 'queue', depth: s.depth, ...(s.depthAsOf ? { asOf: s.depthAsOf } : {}) });
  if (s.agentsError) nodes.push({ kind: 'fleetError', id: 'agents-error', error: s.agentsError });
  // Down agents first: they are why one opens this view.
  const agents = [...s.agents].sort((a, b) => Number(b.down) - Number(a.down) || a.hostId.localeCompare(b.hostId));
  for (const agent of agents) nodes.push({ kind: 'agent', id: `agent:${agent.hostId}`, agent, downAfterSeconds: s.downAfterSeconds, ...(s.agentsAsOf ? { asOf: s.agentsAsOf } : {}) });
  if (!s.agentsError && agents.length === 0) nodes.push({ kind: 'message', id: 'no-agents', text: 'No agents report phoenix_agent_last_seen_seconds' });
  return nodes;
}

export function queueChildren(node: Extract<AgentsNode, { kind: 'queue' }>): AgentsNode[] {
  return TASK_STATUSES.map((status) => ({ kind: 'queueStatus', id: `queue:${status}`, status, count: node.depth[status] }));
}

export function taskNodes(parentId: string, tasks: readonly QueueTask[]): AgentsNode[] {
  return tasks.map((task) => ({ kind: 'task', id: `${parentId}:task:${task.id}`, task }));
}

/** "pending 3 · running 1 · failed 2": the statuses worth a glance (completed is history). */
export function queueSummary(depth: Record<TaskStatus, number>): string {
  return (['pending', 'assigned', 'running', 'failed'] as const)
    .filter((s) => depth[s] > 0 || s === 'pending')
    .map((s) => `${depth[s]} ${s}`)
    .join(' · ');
}
