// Classifies a runbook step before it runs: destructive (always asks), mutating (goes through the mutation
// guard: read-only blocks it, a protected context asks for its name), or read-only. Pure, so every rule is unit-tested.
import type { ExecutorKind } from './cellLanguages';

export interface StepSafety {
  kind: 'destructive' | 'mutating' | 'readOnly';
  /** What was recognised, for the prompt and the log: "kubectl delete", "DELETE without WHERE". */
  reasons: string[];
}

interface Rule {
  re: RegExp;
  reason: string;
}

const SHELL_DESTRUCTIVE: Rule[] = [
  { re: /\bkubectl\b[^\n|;&]*?\s(delete)(?=\s|$)/, reason: 'kubectl delete' },
  { re: /\bkubectl\b[^\n|;&]*?\sscale\b[^\n|;&]*--replicas[= ]0\b/, reason: 'kubectl scale --replicas=0' },
  { re: /\bkubectl\b[^\n|;&]*?\srollout\s+undo\b/, reason: 'kubectl rollout undo' },
  { re: /\bkubectl\b[^\n|;&]*?\sdrain(?=\s|$)/, reason: 'kubectl drain' },
  { re: /\bredis-cli\b[^\n|;&]*\bFLUSH(ALL|DB)\b/i, reason: 'redis-cli FLUSHALL' },
  { re: /\brm\s+(?:-[a-zA-Z]*[rR][a-zA-Z]*f[a-zA-Z]*|-[a-zA-Z]*f[a-zA-Z]*[rR][a-zA-Z]*|-[rR]\s+-f|-f\s+-[rR]|--recursive\s+--force|--force\s+--recursive)(?=\s|$)/, reason: 'rm -rf' },
  { re: /\bcurl\b[^\n|;&]*(?:-X\s*|--request[= ])['"]?DELETE\b/, reason: 'HTTP DELETE' },
  { re: /\b(?:pg_restore\b[^\n|;&]*\s--clean\b|dropdb\b)/, reason: 'database drop/restore over existing data' },
];

const SHELL_MUTATING: Rule[] = [
  { re: /\bkubectl\b[^\n|;&]*?\s(apply|create|replace|patch|edit|label|annotate|set|scale|cordon|uncordon|taint|autoscale|expose|run)(?=\s|$)/, reason: 'kubectl $1' },
  { re: /\bkubectl\b[^\n|;&]*?\srollout\s+(restart|pause|resume)(?=\s|$)/, reason: 'kubectl rollout $1' },
  { re: /\bkubectl\b[^\n|;&]*?\s(exec|cp)(?=\s|$)/, reason: 'kubectl $1' },
  { re: /\bcurl\b[^\n|;&]*(?:-X\s*|--request[= ])['"]?(POST|PUT|PATCH)\b/, reason: 'HTTP $1' },
  { re: /\bcurl\b[^\n|;&]*\s(?:-d|--data(?:-raw|-binary)?|--json)\b/, reason: 'HTTP POST' },
  { re: /\bpg_restore\b/, reason: 'pg_restore' },
];

const SQL_DESTRUCTIVE: Rule[] = [
  { re: /\bDROP\s+(TABLE|DATABASE|SCHEMA|INDEX|VIEW|SEQUENCE|FUNCTION|TYPE|ROLE|USER|EXTENSION|MATERIALIZED\s+VIEW)\b/i, reason: 'DROP' },
  { re: /\bTRUNCATE\b/i, reason: 'TRUNCATE' },
  { re: /\bpg_terminate_backend\s*\(/i, reason: 'pg_terminate_backend' },
  { re: /\bpg_cancel_backend\s*\(/i, reason: 'pg_cancel_backend' },
];

const SQL_MUTATING = /^\s*(INSERT|UPDATE|DELETE|MERGE|ALTER|CREATE|GRANT|REVOKE|VACUUM|REINDEX|CLUSTER|COPY|CALL|DO|REFRESH|COMMENT|SECURITY|LOCK|SET\s+ROLE)\b/i;

/** SQL text with comments and quoted strings blanked, so keywords inside them are not mistaken for commands. */
export function sqlWithoutLiterals(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, (m) => ' '.repeat(m.length));
}

/** DELETE/UPDATE statements without a WHERE clause. */
function unboundedWrites(sql: string): string[] {
  const found: string[] = [];
  for (const stmt of sql.split(';')) {
    const m = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(DELETE|UPDATE)\b/i.exec(stmt);
    if (m && !/\bWHERE\b/i.test(stmt) && !/\bWHERE\s+CURRENT\s+OF\b/i.test(stmt)) found.push(`${m[1].toUpperCase()} without WHERE`);
  }
  return found;
}

function matchRules(text: string, rules: Rule[]): string[] {
  const out: string[] = [];
  for (const r of rules) {
    for (const m of text.matchAll(new RegExp(r.re.source, `${r.re.flags}g`))) out.push(r.reason.replace('$1', m[1] ?? ''));
  }
  return out;
}

function sqlSafety(sql: string): StepSafety {
  const clean = sqlWithoutLiterals(sql);
  const destructive = [...matchRules(clean, SQL_DESTRUCTIVE), ...unboundedWrites(clean)];
  if (destructive.length) return { kind: 'destructive', reasons: unique(destructive) };
  const mutating = clean
    .split(';')
    .map((s) => SQL_MUTATING.exec(s)?.[1])
    .filter((s): s is string => !!s)
    .map((s) => s.toUpperCase().replace(/\s+/g, ' '));
  return mutating.length ? { kind: 'mutating', reasons: unique(mutating) } : { kind: 'readOnly', reasons: [] };
}

function shellSafety(script: string): StepSafety {
  const text = withoutShellComments(script);
  // SQL handed to psql -c or in a heredoc counts as what it is (its quotes are not blanked here: they hold the SQL).
  const sqlDestructive = [...matchRules(text, SQL_DESTRUCTIVE), ...unboundedShellSql(text)];
  const destructive = [...matchRules(text, SHELL_DESTRUCTIVE), ...sqlDestructive];
  if (destructive.length) return { kind: 'destructive', reasons: unique(destructive) };
  const mutating = matchRules(text, SHELL_MUTATING);
  const sqlWrite = /\b(INSERT\s+INTO|UPDATE\s+[\w."]+\s+SET|DELETE\s+FROM|ALTER\s+(?:TABLE|SYSTEM|DATABASE|ROLE|USER)|CREATE\s+(?:TABLE|DATABASE|INDEX|ROLE|USER)|VACUUM|REINDEX)\b/i.exec(text);
  if (sqlWrite && /\b(psql|pg_\w+)\b/.test(text)) mutating.push(`SQL ${sqlWrite[1].toUpperCase().replace(/\s+\S+\s+SET$/, '').replace(/\s+/g, ' ')}`);
  return mutating.length ? { kind: 'mutating', reasons: unique(mutating) } : { kind: 'readOnly', reasons: [] };
}

/** DELETE/UPDATE in SQL inside shell text (psql -c "…", heredocs) without a WHERE before the statement ends. */
function unboundedShellSql(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b(DELETE\s+FROM|UPDATE\s+[\w."]+\s+SET)\b([^;"'`]*)/gi)) {
    if (!/\bWHERE\b/i.test(m[2])) found.push(`${m[1].split(/\s/)[0].toUpperCase()} without WHERE`);
  }
  return found;
}

function httpSafety(request: string): StepSafety {
  const method = /^\s*([A-Z]+)\s+\S/m.exec(request)?.[1] ?? 'GET';
  if (method === 'DELETE') return { kind: 'destructive', reasons: ['HTTP DELETE'] };
  if (['POST', 'PUT', 'PATCH'].includes(method)) return { kind: 'mutating', reasons: [`HTTP ${method}`] };
  return { kind: 'readOnly', reasons: [] };
}

/** What each cockpit action does; an action not listed here is treated as destructive. */
const COCKPIT_ACTIONS: Readonly<Record<string, StepSafety>> = {
  'backup check': { kind: 'readOnly', reasons: [] },
  'backup compare-rows': { kind: 'readOnly', reasons: [] },
  'backup choose-resources': { kind: 'readOnly', reasons: [] },
  'backup apply-resources': { kind: 'mutating', reasons: ['kubectl apply of backed-up resources'] },
};

function cockpitSafety(text: string): StepSafety {
  const line = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
  const name = line.trim().split(/\s+/).slice(0, 2).join(' ');
  return Object.hasOwn(COCKPIT_ACTIONS, name) ? COCKPIT_ACTIONS[name] : { kind: 'destructive', reasons: [`unknown cockpit action "${name}"`] };
}

export function classifyStep(kind: ExecutorKind, text: string, opts: { confirm?: boolean } = {}): StepSafety {
  const base =
    kind === 'shell' ? shellSafety(text) : kind === 'sql' ? sqlSafety(text) : kind === 'http' ? httpSafety(text) : kind === 'cockpit' ? cockpitSafety(text) : { kind: 'readOnly' as const, reasons: [] };
  if (opts.confirm && base.kind !== 'destructive') return { kind: 'destructive', reasons: [...base.reasons, 'marked confirm'] };
  return base;
}

function withoutShellComments(script: string): string {
  return script
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
