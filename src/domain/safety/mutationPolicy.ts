// Decides what a mutation needs before it may run: blocked (read-only), typed confirmation
// (protected context), a yes/no (destructive step elsewhere), or nothing. Pure, so every rule is unit-tested.
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
  const what = `${req.action} ${req.object}${req.namespace ? ` in ${req.namespace}` : ''} on ${req.context}`;
  if (policy.readOnly) {
    return { kind: 'blocked', reason: `Read-only mode is on: ${what} was not done. Turn off phoenixOps.readOnly to make changes.` };
  }
  if (isProtectedContext(req.context, policy)) {
    return {
      kind: 'typeToConfirm',
      expected: req.confirmText,
      prompt: `${req.context} is a protected context. ${capitalize(req.summary ?? what)}. Type "${req.confirmText}" to confirm.`,
    };
  }
  if (req.destructive) return { kind: 'confirm', prompt: `${capitalize(req.summary ?? what)}?` };
  return { kind: 'allowed' };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
