// What the step classifier finds, command by command, and how the findings add up to one step's safety.

/**
 * destructive: recognised, and it destroys or replaces (always asks); mutating: recognised, and it changes
 * something; unknown: not recognised as read-only, so treated like a change (fail safe).
 */
export type FindingKind = 'destructive' | 'mutating' | 'unknown';

export interface Finding {
  kind: FindingKind;
  /** What was seen, in a prompt's words: "kubectl delete", "curl is not known to be read-only". */
  reason: string;
}

/** What one step may touch besides the cockpit's selected context. */
export interface Reach {
  /** Contexts named in the step (`kubectl --context prod-eu …`). */
  contexts: string[];
  /** Why the step may reach a context that cannot be told from its text (KUBECONFIG=…, --kubeconfig, --context "$X"). */
  unknown: string[];
}

export class Findings {
  readonly list: Finding[] = [];
  readonly reach: Reach = { contexts: [], unknown: [] };

  add(kind: FindingKind, reason: string): void {
    if (!this.list.some((f) => f.kind === kind && f.reason === reason)) this.list.push({ kind, reason });
  }

  context(name: string): void {
    if (!this.reach.contexts.includes(name)) this.reach.contexts.push(name);
  }

  unknownContext(why: string): void {
    if (!this.reach.unknown.includes(why)) this.reach.unknown.push(why);
  }

  merge(other: Findings): void {
    for (const f of other.list) this.add(f.kind, f.reason);
    for (const c of other.reach.contexts) this.context(c);
    for (const u of other.reach.unknown) this.unknownContext(u);
  }
}
