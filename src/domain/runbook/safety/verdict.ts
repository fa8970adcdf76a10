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
  // What is already listed, so a step of many distinct commands or contexts stays linear (no scan per addition).
  private readonly seen = new Set<string>();
  private readonly seenContexts = new Set<string>();
  private readonly seenUnknown = new Set<string>();

  add(kind: FindingKind, reason: string): void {
    const key = `${kind}\n${reason}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ kind, reason });
  }

  /** Forgets the findings (what the user vouched for), keeping the reach. */
  clearFindings(): void {
    this.list.length = 0;
    this.seen.clear();
  }

  context(name: string): void {
    if (this.seenContexts.has(name)) return;
    this.seenContexts.add(name);
    this.reach.contexts.push(name);
  }

  unknownContext(why: string): void {
    if (this.seenUnknown.has(why)) return;
    this.seenUnknown.add(why);
    this.reach.unknown.push(why);
  }

  merge(other: Findings): void {
    for (const f of other.list) this.add(f.kind, f.reason);
    for (const c of other.reach.contexts) this.context(c);
    for (const u of other.reach.unknown) this.unknownContext(u);
  }
}
