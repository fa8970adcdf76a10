// Step safety: classifying every step of the shipped runbooks, and a long adversarial line that made the old
// pattern classifier backtrack (its rules are kept below as the baseline, from the commit before the rewrite);
// and how long after Cancel the processes of a step — those in sessions of their own too — are gone (goal ≤ 1 s).
// Alone: `npm run build && node out/bench/stepSafetyBench.js`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../scripts/repoRoot';
import { executorKindOf } from '../src/domain/runbook/cellLanguages';
import { shellScript } from '../src/domain/runbook/executors/shellExecutor';
import { parseRunbook } from '../src/domain/runbook/runbookDocument';
import { ShellSession } from '../src/domain/runbook/shellSession';
import { classifyStep } from '../src/domain/runbook/stepSafety';
import { type Comparison, median, runAlone } from './harness';

/** The shell rules of the pattern classifier this one replaced (commit 2ee5602), enough to time them. */
const LEGACY_SHELL = [
  /\bkubectl\b[^\n|;&]*?\s(delete)(?=\s|$)/,
  /\bkubectl\b[^\n|;&]*?\sscale\b[^\n|;&]*--replicas[= ]0\b/,
  /\bkubectl\b[^\n|;&]*?\srollout\s+undo\b/,
  /\bkubectl\b[^\n|;&]*?\sdrain(?=\s|$)/,
  /\bkubectl\b[^\n|;&]*?\s(apply|create|replace|patch|edit|label|annotate|set|scale|cordon|uncordon|taint|autoscale|expose|run)(?=\s|$)/,
  /\bkubectl\b[^\n|;&]*?\srollout\s+(restart|pause|resume)(?=\s|$)/,
  /\bkubectl\b[^\n|;&]*?\s(exec|cp)(?=\s|$)/,
];
function legacyClassify(text: string): number {
  let n = 0;
  for (const re of LEGACY_SHELL) for (const _ of text.matchAll(new RegExp(re.source, 'g'))) n++;
  return n;
}

function shippedSteps(): Array<{ kind: NonNullable<ReturnType<typeof executorKindOf>>; text: string }> {
  const dir = repoPath('runbooks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.runbook.md'))
    .flatMap((f) => parseRunbook(readFileSync(join(dir, f), 'utf8')).cells)
    .flatMap((c) => {
      const kind = c.kind === 'code' ? executorKindOf(c.language) : undefined;
      return kind ? [{ kind, text: kind === 'shell' ? shellScript(c.language, c.value) : c.value }] : [];
    });
}

function pidsOf(cmd: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m && m[2].trim() === cmd)
    .map((m) => Number(m[1]));
}

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** ms from Cancel until no process of the step is left. */
async function cancelToGone(session: ShellSession, n: number): Promise<number> {
  const names = [`sleep ${3000 + n}`, `sleep ${4000 + n}`, `sleep ${5000 + n}`];
  const ac = new AbortController();
  const run = session.run({ script: `setsid ${names[0]} &\n(setsid bash -c "${names[1]}" &)\n${names[2]}`, timeoutMs: 60_000, signal: ac.signal, onOutput: () => undefined });
  while (!names.every((c) => pidsOf(c).length)) await new Promise((r) => setTimeout(r, 10));
  const pids = names.flatMap(pidsOf);
  const t0 = process.hrtime.bigint();
  ac.abort();
  // Polls /proc for the known pids (ps itself takes 100 ms and more on a loaded machine); a zombie counts as gone.
  while (pids.some(alive)) await new Promise((r) => setTimeout(r, 2));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await run;
  return ms;
}

export async function stepSafetyBenches(): Promise<Comparison[]> {
  const steps = shippedSteps();
  for (let i = 0; i < 20; i++) for (const s of steps) classifyStep(s.kind, s.text); // JIT warm-up
  const all = await median(21, () => Promise.resolve(steps.forEach((s) => classifyStep(s.kind, s.text))));
  const shell = steps.filter((s) => s.kind === 'shell');
  const legacyAll = await median(21, () => Promise.resolve(shell.forEach((s) => legacyClassify(s.text))));

  const line = (kb: number) => 'kubectl '.repeat((kb * 1024) / 8);
  const ours32 = await median(5, () => Promise.resolve(classifyStep('shell', line(32))));
  const ours1m = await median(5, () => Promise.resolve(classifyStep('shell', line(1024))));
  const legacy32 = await median(3, () => Promise.resolve(legacyClassify(line(32))));

  const dir = mkdtempSync(join(tmpdir(), 'phoenix-bench-cancel-'));
  const session = new ShellSession({ env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, cwd: dir, spillDir: join(dir, 'spill') });
  const cancels: number[] = [];
  try {
    for (let i = 0; i < 7; i++) cancels.push(await cancelToGone(session, i));
  } finally {
    session.dispose();
  }
  cancels.sort((a, b) => a - b);
  const cancelMedian = cancels[Math.floor(cancels.length / 2)];

  return [
    {
      name: `Step safety: every shipped step (${steps.length})`,
      ours: { label: 'classifyStep (fail-safe reader)', ms: all },
      theirs: { label: 'old shell patterns, shell steps only', ms: legacyAll },
      notes: [`${((all / steps.length) * 1000).toFixed(0)} µs per step`],
    },
    {
      name: 'Step safety: 32 KB "kubectl kubectl …" line',
      ours: { label: 'classifyStep', ms: ours32 },
      theirs: { label: 'old shell patterns (backtracking)', ms: legacy32 },
      notes: [`1 MB of the same: ${ours1m.toFixed(1)} ms (${(ours1m / ours32).toFixed(0)}× for 32× the text: linear)`],
    },
    {
      name: 'Cancel → every process of the step gone',
      ours: { label: 'group + marker kill, setsid children included', ms: cancelMedian },
      theirs: { label: 'goal', ms: 1000 },
      notes: [`over 7 cancels: ${cancels.map((c) => c.toFixed(0)).join(', ')} ms`],
    },
  ];
}

if (require.main === module) runAlone(stepSafetyBenches);
