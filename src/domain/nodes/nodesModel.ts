// The Nodes view's data for the selected context: nodes, their NodeMetrics and the pods bound to each, read together
// per poll (three requests, whatever the number of nodes) and only while the view is visible. The metrics API being
// absent is said on the rows ("usage: metrics API not available"), not as an error.
import { Emitter } from '../../core/event';
import { Poller } from '../../core/poller';
import type { Result } from '../../core/result';
import { nodeUsage, summarizeNode, type NodeLike, type NodeMetricsLike, type NodeSummary, type NodeUsage } from './nodeSummary';

export interface PodOnNode {
  namespace: string;
  name: string;
  phase: string;
  /** Owner kind (ReplicaSet, DaemonSet, Node for a mirror pod) — what drain would do with it. */
  owner?: string;
}

export interface NodeRow {
  kind: 'node';
  id: string;
  context: string;
  name: string;
  summary: NodeSummary;
  usage?: NodeUsage;
  /** Undefined: metrics API missing or failed (usageNote says which). */
  usageNote?: string;
  pods: PodOnNode[];
}

export interface NodePodRow {
  kind: 'nodePod';
  id: string;
  context: string;
  node: string;
  pod: PodOnNode;
}

export interface NodeMessageRow {
  kind: 'message';
  id: string;
  severity: 'error' | 'info' | 'loading';
  title: string;
  message: string;
  hint?: string;
}

export type NodesTreeNode = NodeRow | NodePodRow | NodeMessageRow;

export interface PodLike {
  metadata?: { name?: string; namespace?: string; ownerReferences?: Array<{ kind?: string; controller?: boolean }> };
  spec?: { nodeName?: string };
  status?: { phase?: string };
}

type Err = { kind: string; message: string; hint?: string };

export interface NodesSource {
  nodes(signal: AbortSignal): Promise<Result<NodeLike[], Err>>;
  nodeMetrics(signal: AbortSignal): Promise<Result<NodeMetricsLike[], Err>>;
  pods(signal: AbortSignal): Promise<Result<PodLike[], Err>>;
}

export interface NodesModelDeps {
  sourceFor(context: string): NodesSource | { message: string };
  intervalMs: () => number;
}

export class NodesModel {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly poller: Poller;
  private context: string | undefined;
  private active = false;
  private rows: NodeRow[] = [];
  private message: NodeMessageRow | undefined;
  private generation = 0;
  private listed: Promise<void> | undefined;

  constructor(private readonly deps: NodesModelDeps) {
    this.poller = new Poller((signal) => this.poll(signal));
  }

  get currentContext(): string | undefined {
    return this.context;
  }

  roots(): NodesTreeNode[] {
    if (!this.context) return [];
    // Asked for rows before the first read (the view opened before its visibility event, a test): read once now.
    if (this.message?.severity === 'loading' && !this.listed) void this.refresh();
    if (this.message) return [this.message];
    return this.rows;
  }

  children(node: NodesTreeNode): NodesTreeNode[] {
    if (node.kind !== 'node') return [];
    return node.pods.map((pod) => ({ kind: 'nodePod', id: `${node.id}/${pod.namespace}/${pod.name}`, context: node.context, node: node.name, pod }));
  }

  row(name: string): NodeRow | undefined {
    return this.rows.find((r) => r.name === name);
  }

  setContext(context: string | undefined): void {
    if (context === this.context) return;
    this.context = context;
    this.generation++;
    this.listed = undefined;
    this.rows = [];
    this.message = context ? { kind: 'message', id: 'nodes/loading', severity: 'loading', title: 'Loading nodes…', message: context } : undefined;
    this.changed.fire();
    this.restart();
  }

  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.restart();
  }

  /** Reads now (after a cordon, a Refresh click); resolves when the rows are current. */
  refresh(): Promise<void> {
    return (this.listed = this.poller.refresh());
  }

  private restart(): void {
    this.poller.setInterval(0);
    if (this.active && this.context) this.poller.setInterval(this.deps.intervalMs());
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const context = this.context;
    if (!context) return;
    const gen = this.generation;
    const source = this.deps.sourceFor(context);
    if ('message' in source) {
      this.message = { kind: 'message', id: 'nodes/error', severity: 'error', title: 'Cannot read nodes', message: source.message };
      this.changed.fire();
      return;
    }
    const [nodes, metrics, pods] = await Promise.all([source.nodes(signal), source.nodeMetrics(signal), source.pods(signal)]);
    if (gen !== this.generation || signal.aborted) return;
    if (!nodes.ok) {
      this.message = { kind: 'message', id: 'nodes/error', severity: 'error', title: 'Cannot list nodes', message: nodes.error.message, hint: nodes.error.hint };
      this.changed.fire();
      return;
    }
    this.message = undefined;
    const byNode = new Map<string, PodOnNode[]>();
    for (const p of pods.ok ? pods.value : []) {
      const n = p.spec?.nodeName;
      if (!n) continue;
      const owner = p.metadata?.ownerReferences?.find((o) => o.controller)?.kind;
      const list = byNode.get(n) ?? [];
      list.push({ namespace: p.metadata?.namespace ?? '', name: p.metadata?.name ?? '', phase: p.status?.phase ?? '', ...(owner ? { owner } : {}) });
      byNode.set(n, list);
    }
    const usageByNode = new Map((metrics.ok ? metrics.value : []).map((m) => [m.metadata?.name ?? '', m]));
    const note = metrics.ok ? undefined : metrics.error.kind === 'unavailable' ? 'usage: metrics API not available' : `usage: ${metrics.error.message}`;
    // Rows are updated in place (VS Code keeps a row's expansion only for the same object).
    const previous = new Map(this.rows.map((r) => [r.name, r]));
    this.rows = nodes.value
      .map((n) => {
        const summary = summarizeNode(n);
        const m = usageByNode.get(summary.name);
        const row: NodeRow = previous.get(summary.name) ?? { kind: 'node', id: `${context}/node/${summary.name}`, context, name: summary.name, summary, pods: [] };
        row.summary = summary;
        row.usage = m ? nodeUsage(m, summary) : undefined;
        row.usageNote = m ? undefined : (note ?? (metrics.ok ? 'usage: not reported' : undefined));
        row.pods = (byNode.get(summary.name) ?? []).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
        return row;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    this.changed.fire();
  }

  /** Resolves once the rows of the current context have been read at least once since the last refresh(). */
  whenListed(): Promise<void> {
    return this.listed ?? this.refresh();
  }

  dispose(): void {
    this.poller.dispose();
    this.changed.dispose();
  }
}
