// Runbook steps that change things — or are not known to only read — go through the cockpit's MutationGuard:
// read-only mode blocks them, a destructive step asks yes/no, on a protected context (or when the step may reach
// one: --context, KUBECONFIG) the user types the context name; all audit-logged.
import type { ExecutionResult } from '../../domain/runbook/executors/executor';
import type { GateRequest, StepGate } from '../../domain/runbook/runbookRunner';
import { readOnlyRefusal } from '../../domain/runbook/stepSafety';
import type { MutationGuard } from '../safety/mutationGuard';

/** Thrown inside the guard so a failed step is audit-logged as failed; unwrapped below. */
class StepFailed extends Error {
  constructor(readonly result: ExecutionResult) {
    super(result.message ?? result.outcome);
  }
}

export class RunbookGate implements StepGate {
  constructor(private readonly guard: MutationGuard) {}

  async run(req: GateRequest, perform: () => Promise<ExecutionResult>): ReturnType<StepGate['run']> {
    if (req.safety.kind === 'readOnly') return perform();
    const context = req.context ?? '';
    const firstLine = req.step.text.trim().split('\n')[0] ?? '';
    const what = req.safety.kind === 'destructive' ? `Run destructive step "${req.label}" (${req.safety.reasons.join(', ')})` : `Run step "${req.label}" (${req.safety.reasons.join(', ')})`;
    try {
      const r = await this.guard.run(
        {
          action: req.safety.kind === 'destructive' ? 'run destructive runbook step' : 'run runbook step',
          context,
          ...(req.namespace ? { namespace: req.namespace } : {}),
          object: `${req.step.runbook} › ${req.label}`,
          // Without a selected context there is no name to type: the step's name stands in.
          confirmText: context || req.label,
          destructive: req.safety.kind === 'destructive',
          alsoReaches: req.safety.reach.contexts,
          unknownReach: req.safety.reach.unknown,
          summary: `${what} on ${context || 'no selected context'}${req.namespace ? `/${req.namespace}` : ''}: ${firstLine.length > 120 ? `${firstLine.slice(0, 117)}…` : firstLine}`,
        },
        async () => {
          const result = await perform();
          if (result.outcome !== 'succeeded') throw new StepFailed(result);
          return result;
        },
        req.step.text.length > 500 ? `${req.step.text.slice(0, 497)}…` : req.step.text,
      );
      if (r.ran) return r.value;
      return r.why === 'blocked'
        ? { outcome: 'blocked', message: readOnlyRefusal(req.safety) }
        : { outcome: 'declined', message: `Not run: the ${req.safety.kind === 'destructive' ? 'destructive ' : ''}step was not confirmed.` };
    } catch (e) {
      if (e instanceof StepFailed) return e.result;
      throw e;
    }
  }
}
