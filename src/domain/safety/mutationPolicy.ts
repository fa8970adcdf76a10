// Decides what a mutation needs before it may run: blocked (read-only), typed confirmation (a protected
// context, or one that cannot be told), a yes/no (destructive elsewhere), or nothing. It fails safe: every
// context the change can reach is checked, and a target it cannot name counts as protected. Pure, so every
// rule is unit-tested.
import { matchesAny } from '../../core/glob';

export interface MutationRequest {
  /** What is done, in words a log reader understands: "scale", "rollback", "run destructive step". */
  action: string;
  /** The kubeconfig context (or other target, e.g. a database) the change lands on. */
  context: string;
  namespace?: string;
  /** The object changed, e.g. "deployment/platform-api". */
  object: string;
  /** What the user must type on a protected context (the deployment's name; for runbooks the context name). */
  confirmText: string;
  /** Destructive changes ask even outside protected contexts. */
  destructive?: boolean;
  /** A short description of the change for the prompt: "scale to 0 replicas". */
  summary?: string;
  /** Other contexts the change may land on (a runbook step's `kubectl --context …`). */
  alsoReaches?: readonly string[];
  /** Why the change may land on a context that cannot be told (KUBECONFIG set in a step): treated as protected. */
  unknownReach?: readonly string[];
}

export interface MutationPolicy {
  readOnly: boolean;
  protectedContexts: readonly string[];
}

export type MutationDecision =
  | { kind: 'blocked'; reason: string }
  | { kind: 'typeToConfirm'; expected: string; prompt: string }
  | { kind: 'confirm'; prompt: string }
  | { kind: 'allowed' };

export function isProtectedContext(context: string, policy: Pick<MutationPolicy, 'protectedContexts'>): boolean {
  return matchesAny(context, policy.protectedContexts);
}

export function decideMutation(req: MutationRequest, policy: MutationPolicy): MutationDecision {
  const what = `${req.action} ${req.object}${req.namespace ? ` in ${req.namespace}` : ''} on ${req.context || 'no selected context'}`;
  const change = capitalize(req.summary ?? what);
  if (policy.readOnly) {
    return { kind: 'blocked', reason: `Read-only mode is on: ${what} was not done. Turn off phoenixOps.readOnly to make changes.` };
  }
  if (req.context && isProtectedContext(req.context, policy)) {
    return { kind: 'typeToConfirm', expected: req.confirmText, prompt: `${req.context} is a protected context. ${change}. Type "${req.confirmText}" to confirm.` };
  }
  // The selected context was judged just above: any protected one found here is another.
  const other = (req.alsoReaches ?? []).find((c) => isProtectedContext(c, policy));
  if (other) {
    return { kind: 'typeToConfirm', expected: other, prompt: `This change also reaches ${other}, a protected context. ${change}. Type "${other}" to confirm.` };
  }
  const unknown = [...(req.context ? [] : ['no context is selected, so kubectl uses its own current-context']), ...(req.unknownReach ?? [])];
  if (unknown.length) {
    return {
      kind: 'typeToConfirm',
      expected: req.confirmText,
      prompt: `This change may reach a context the cockpit cannot tell (${unknown.join('; ')}), so it is treated as protected. ${change}. Type "${req.confirmText}" to confirm.`,
    };
  }
  if (req.destructive) return { kind: 'confirm', prompt: `${change}?` };
  return { kind: 'allowed' };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
