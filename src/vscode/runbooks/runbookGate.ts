// Runbook steps that change things go through the cockpit's MutationGuard: read-only mode blocks them, a
// destructive step asks yes/no, on a protected context the user types the context name; all audit-logged.
import type { ExecutionResult } from '../../domain/runbook/executors/executor';
import type { GateRequest, StepGate } from '../../domain/runbook/runbookRunner';
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
    const context = req.context ?? '(no context)';
    const firstLine = req.step.text.trim().split('\n')[0] ?? '';
    const what = req.safety.kind === 'destructive' ? `Run destructive step "${req.label}" (${req.safety.reasons.join(', ')})` : `Run step "${req.label}" (${req.safety.reasons.join(', ')})`;
    try {
      const r = await this.guard.run(
        {
          action: req.safety.kind === 'destructive' ? 'run destructive runbook step' : 'run runbook step',
          context,
          ...(req.namespace ? { namespace: req.namespace } : {}),
          object: `${req.step.runbook} › ${req.label}`,
          confirmText: context,
          destructive: req.safety.kind === 'destructive',
          summary: `${what} on ${context}${req.namespace ? `/${req.namespace}` : ''}: ${firstLine.length > 120 ? `${firstLine.slice(0, 117)}…` : firstLine}`,
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
        ? { outcome: 'blocked', message: `Not run: read-only mode is on (phoenixOps.readOnly) and this step changes things (${req.safety.reasons.join(', ')}).` }
        : { outcome: 'declined', message: `Not run: the ${req.safety.kind === 'destructive' ? 'destructive ' : ''}step was not confirmed.` };
    } catch (e) {
      if (e instanceof StepFailed) return e.result;
      throw e;
    }
  }
}
