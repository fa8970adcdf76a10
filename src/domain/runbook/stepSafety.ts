// Classifies a runbook step before it runs: destructive (always asks), mutating (goes through the mutation
// guard: read-only blocks it, a protected context asks for its name), or read-only. It fails safe: a step is
// read-only only when every command in it is positively known to only read; anything not recognised counts as
// a change, with the reason. Pure and linear in the step's length, so every rule is table-tested.
import type { ExecutorKind } from './cellLanguages';
import { parseHttpRequest } from './executors/httpExecutor';
import { judgeMethod, judgeShell } from './safety/shellSafety';
import { judgeSql } from './safety/sqlSafety';
import { Findings, type Reach } from './safety/verdict';

export interface StepSafety {
  kind: 'destructive' | 'mutating' | 'readOnly';
  /** What was recognised, for the prompt and the log: "kubectl delete", "DELETE without WHERE", "curl is not known to be read-only". */
  reasons: string[];
  /** The parts not recognised as read-only (a subset of the reasons): why read-only mode refuses a step that may only read. */
  unrecognised: string[];
  /** Contexts the step names besides the selected one, and what makes its target unknowable. */
  reach: Reach;
}

export interface ClassifyOptions {
  /** The cell says confirm=true: always ask. */
  confirm?: boolean;
  /** Known values of the step's parameters (shell steps reference them as "${NAME}"). */
  vars?: Readonly<Record<string, string>>;
  /** The user's own list of commands to take as read-only (phoenixOps.runbooks.readOnlyCommands, user settings only). */
  knownReadOnly?: readonly string[];
}

export function classifyStep(kind: ExecutorKind, text: string, opts: ClassifyOptions = {}): StepSafety {
  const f = judge(kind, text, opts);
  const destructive = f.list.filter((x) => x.kind === 'destructive');
  const reasons = [...(destructive.length ? destructive : f.list)].map((x) => x.reason);
  const unrecognised = f.list.filter((x) => x.kind === 'unknown').map((x) => x.reason);
  let safety: StepSafety['kind'] = destructive.length ? 'destructive' : f.list.length ? 'mutating' : 'readOnly';
  if (opts.confirm && safety !== 'destructive') {
    safety = 'destructive';
    reasons.push('marked confirm');
  }
  return { kind: safety, reasons, unrecognised, reach: f.reach };
}

/** Why read-only mode refused a step, and — when it was only not recognised — how to vouch for a command. */
export function readOnlyRefusal(s: StepSafety): string {
  const known = s.reasons.filter((r) => !s.unrecognised.includes(r));
  if (known.length) return `Not run: read-only mode is on (phoenixOps.readOnly) and this step changes things (${known.join(', ')}).`;
  return (
    `Not run: read-only mode is on (phoenixOps.readOnly) and this step is not known to only read (${s.unrecognised.join('; ')}). ` +
    'If a command only reads, add it (or its first words, e.g. "mytool status") to phoenixOps.runbooks.readOnlyCommands in your user settings.'
  );
}

function judge(kind: ExecutorKind, text: string, opts: ClassifyOptions): Findings {
  try {
    return judgeAs(kind, text, opts);
  } catch (e) {
    // A fault of the classifier itself must not let a step through, nor stop the runbook with a stack trace.
    const f = new Findings();
    f.add('unknown', `the classifier could not read this step (${e instanceof Error ? `${e.name}: ${e.message}` : String(e)})`);
    return f;
  }
}

function judgeAs(kind: ExecutorKind, text: string, opts: ClassifyOptions): Findings {
  switch (kind) {
    case 'shell':
      return judgeShell(text, { ...(opts.vars ? { vars: opts.vars } : {}), ...(opts.knownReadOnly ? { knownReadOnly: opts.knownReadOnly } : {}) });
    case 'sql':
      return judgeSql(text);
    case 'http': {
      const f = new Findings();
      const spec = parseHttpRequest(text);
      if (typeof spec === 'string') f.add('unknown', 'a request the cockpit cannot read');
      else judgeMethod(spec.method, f);
      return f;
    }
    case 'promql':
      // The query API only reads.
      return new Findings();
    case 'cockpit':
      return judgeCockpit(text);
    case 'interpreter': {
      // A python/node/ruby… program can do anything: never known to only read.
      const f = new Findings();
      f.add('unknown', 'a program run by an interpreter, which the cockpit cannot read');
      return f;
    }
  }
}

/** What each cockpit action does (phoenix steps); an action not listed here is treated as destructive. */
const COCKPIT_ACTIONS: Readonly<Record<string, { kind: 'readOnly' } | { kind: 'mutating'; reason: string }>> = {
  'backup check': { kind: 'readOnly' },
  'backup compare-rows': { kind: 'readOnly' },
  'backup choose-resources': { kind: 'readOnly' },
  'backup apply-resources': { kind: 'mutating', reason: 'kubectl apply of backed-up resources' },
};

function judgeCockpit(text: string): Findings {
  const f = new Findings();
  const line = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
  const name = line.trim().split(/\s+/).slice(0, 2).join(' ');
  const action = Object.hasOwn(COCKPIT_ACTIONS, name) ? COCKPIT_ACTIONS[name] : undefined;
  if (!action) f.add('destructive', `unknown cockpit action "${name}"`);
  else if (action.kind === 'mutating') f.add('mutating', action.reason);
  return f;
}
