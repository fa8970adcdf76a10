// The Rollouts view as data: the cockpit's canaries, blue-green pairs, Flagger canaries and Argo
// Rollouts of one context and namespace, each node with a literal kind. Read from the cluster when
// the view asks; the provider only turns nodes into TreeItems.
import type { V1Deployment } from '@kubernetes/client-node';
import type { BlueGreenPair, Colour } from './blueGreen';
import { listPairs } from './blueGreenActions';
import type { RolloutDriver } from './driver/rolloutDriver';
import type { RolloutSnapshot } from './driver/rolloutRunner';
import { decodeLastRollout, LAST_ROLLOUT_ANNOTATION, type LastRollout } from './rolloutState';
import { outcomeRow } from './rolloutSummary';
import { ARGO, type CustomObject, FLAGGER, type ProgressiveSummary, summarizeArgo, summarizeFlagger } from './progressiveResources';

export type RolloutsNode =
  | { kind: 'group'; id: string; group: 'canaries' | 'blueGreen' | 'flagger' | 'argo'; label: string; context: string; namespace: string }
  | { kind: 'canary'; id: string; snapshot: RolloutSnapshot }
  /** A promoted canary whose objects are gone: its outcome, read from the primary's annotation, for a while. */
  | { kind: 'outcome'; id: string; context: string; namespace: string; deployment: string; last: LastRollout; key: string }
  | { kind: 'pair'; id: string; context: string; pair: BlueGreenPair }
  | { kind: 'colour'; id: string; context: string; pair: BlueGreenPair; colour: Colour }
  | { kind: 'progressive'; id: string; context: string; summary: ProgressiveSummary; object: CustomObject }
  | { kind: 'condition'; id: string; text: string; ok: boolean }
  | { kind: 'message'; id: string; text: string; error: boolean };

export interface RolloutsScope {
  context?: string;
  namespace?: string;
}

const GROUP_LABELS = { canaries: 'Canaries', blueGreen: 'Blue-green', flagger: 'Flagger canaries', argo: 'Argo Rollouts' } as const;

/** Top level: one group per kind of rollout present (Flagger and Argo only where their CRDs are installed). */
export async function rootNodes(scope: RolloutsScope, driver: RolloutDriver, signal?: AbortSignal): Promise<RolloutsNode[]> {
  const { context, namespace } = scope;
  if (!context || !namespace) return [{ kind: 'message', id: 'no-scope', text: 'Pick a context and namespace (Switch Context) to see its rollouts.', error: false }];
  const client = driver.client(context);
  if ('message' in client) return [{ kind: 'message', id: 'no-client', text: client.message, error: true }];
  const [flagger, argo] = await Promise.all([client.listCustom<CustomObject>(FLAGGER, namespace, signal), client.listCustom<CustomObject>(ARGO, namespace, signal)]);
  const group = (g: keyof typeof GROUP_LABELS): RolloutsNode => ({ kind: 'group', id: `${context}/${namespace}/${g}`, group: g, label: GROUP_LABELS[g], context, namespace });
  const out: RolloutsNode[] = [group('canaries'), group('blueGreen')];
  if (!flagger.ok || flagger.value !== undefined) out.push(group('flagger'));
  if (!argo.ok || argo.value !== undefined) out.push(group('argo'));
  return out;
}

/** The key a dismissed outcome is remembered by: one promotion of one deployment. */
export function outcomeKey(context: string, namespace: string, deployment: string, endedAt: string): string {
  return `${context}/${namespace}/${deployment}@${endedAt}`;
}

/** Promotions still worth showing: recent, not dismissed, and with no canary row of their own any more. */
export function recentOutcomes(context: string, namespace: string, primaries: readonly V1Deployment[], liveTargets: ReadonlySet<string>, dismissed: (key: string) => boolean, nowMs: number): Extract<RolloutsNode, { kind: 'outcome' }>[] {
  const out: Extract<RolloutsNode, { kind: 'outcome' }>[] = [];
  for (const d of primaries) {
    const deployment = d.metadata?.name ?? '';
    const last = decodeLastRollout(d.metadata?.annotations?.[LAST_ROLLOUT_ANNOTATION]);
    if (!deployment || !last || liveTargets.has(deployment) || !outcomeRow(last, nowMs)) continue;
    const key = outcomeKey(context, namespace, deployment, last.endedAt);
    if (!dismissed(key)) out.push({ kind: 'outcome', id: `${context}/${namespace}/canaries/outcome/${deployment}`, context, namespace, deployment, last, key });
  }
  return out;
}

export async function groupChildren(node: Extract<RolloutsNode, { kind: 'group' }>, driver: RolloutDriver, signal?: AbortSignal, dismissed: (key: string) => boolean = () => false, nowMs = Date.now()): Promise<RolloutsNode[]> {
  const { context, namespace } = node;
  const client = driver.client(context);
  if ('message' in client) return [{ kind: 'message', id: `${node.id}/err`, text: client.message, error: true }];
  switch (node.group) {
    case 'canaries': {
      const snaps = driver.snapshots().filter((s) => s.context === context && s.namespace === namespace && s.state && !s.gone);
      // A promotion deletes the canary (its row goes with it): the primary's outcome keeps it in sight a while.
      const primaries = await client.list('deployments', namespace, undefined, signal);
      const live = new Set(snaps.map((s) => s.state?.target.deployment ?? ''));
      const outcomes = primaries.ok ? recentOutcomes(context, namespace, primaries.value, live, dismissed, nowMs) : [];
      const rows: RolloutsNode[] = [...snaps.map((s): RolloutsNode => ({ kind: 'canary', id: `${node.id}/${s.canary}`, snapshot: s })), ...outcomes];
      if (!rows.length) return [{ kind: 'message', id: `${node.id}/none`, text: 'No canary: start one with "Start Canary…" on a deployment.', error: false }];
      return rows;
    }
    case 'blueGreen': {
      const pairs = await listPairs(client, namespace, signal);
      if ('error' in pairs) return [{ kind: 'message', id: `${node.id}/err`, text: pairs.error, error: true }];
      if (!pairs.length) return [{ kind: 'message', id: `${node.id}/none`, text: 'No Service fronts a blue-green pair here.', error: false }];
      return pairs.map((pair) => ({ kind: 'pair', id: `${node.id}/${pair.service}`, context, pair }));
    }
    case 'flagger':
    case 'argo': {
      const r = await client.listCustom<CustomObject>(node.group === 'flagger' ? FLAGGER : ARGO, namespace, signal);
      if (!r.ok) return [{ kind: 'message', id: `${node.id}/err`, text: `${r.error.message}. ${r.error.hint}`, error: true }];
      const items = r.value ?? [];
      if (!items.length) return [{ kind: 'message', id: `${node.id}/none`, text: `No ${node.label} in ${namespace}.`, error: false }];
      return items.map((o) => ({ kind: 'progressive', id: `${node.id}/${o.metadata?.name ?? ''}`, context, summary: node.group === 'flagger' ? summarizeFlagger(o) : summarizeArgo(o), object: o }));
    }
  }
}

export function childrenOf(node: RolloutsNode): RolloutsNode[] {
  if (node.kind === 'pair') return node.pair.colours.map((colour) => ({ kind: 'colour', id: `${node.id}/${colour.value}`, context: node.context, pair: node.pair, colour }));
  if (node.kind === 'progressive') return node.summary.conditions.map((c, i) => ({ kind: 'condition', id: `${node.id}/c${i}`, text: `${c.type} = ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`, ok: c.status === 'True' }));
  return [];
}

/** "Progressing · 20 % · 2 failed checks", "Paused · step weight 20 % · CanaryPauseStep". */
export function progressiveDescription(s: ProgressiveSummary): string {
  return [s.phase, s.weight !== undefined ? `${s.weight} %` : '', s.failedChecks ? `${s.failedChecks} failed check${s.failedChecks === 1 ? '' : 's'}` : '', s.suspended ? 'suspended' : '', s.aborted ? 'aborted' : '', s.target ? `→ ${s.target}` : ''].filter(Boolean).join(' · ');
}

