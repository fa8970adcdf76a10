// Where a vscode-tier run spends its time: per top-level suite, set-up (its before hooks), tests, teardown (after hooks).
// Printed as one table when mocha ends, so CI's log says which suite to make cheaper (the tier is close to its limit).
import type Mocha from 'mocha';

interface SuiteTiming {
  title: string;
  start: number;
  firstTest?: number;
  lastTestEnd?: number;
  end?: number;
  tests: number;
}

/** Records the runner's top-level suites and prints their table at the end (through `print`, default console.log). */
export function reportSuiteTimings(runner: Mocha.Runner, print: (line: string) => void = (l) => console.log(l)): void {
  const timings: SuiteTiming[] = [];
  const runStart = Date.now();
  const topLevel = (s: Mocha.Suite): boolean => Boolean(s.parent?.root);
  // A nested describe belongs to its top-level suite.
  const current = (): SuiteTiming | undefined => timings.at(-1);
  runner.on('suite', (s: Mocha.Suite) => {
    if (topLevel(s)) timings.push({ title: s.title, start: Date.now(), tests: 0 });
  });
  runner.on('test', () => {
    const t = current();
    if (t) t.firstTest ??= Date.now();
  });
  runner.on('test end', () => {
    const t = current();
    if (!t) return;
    t.lastTestEnd = Date.now();
    t.tests++;
  });
  runner.on('suite end', (s: Mocha.Suite) => {
    const t = current();
    if (t && topLevel(s)) t.end = Date.now();
  });
  runner.on('end', () => {
    const s = (ms: number | undefined): string => (ms === undefined ? '–' : (ms / 1000).toFixed(1));
    print('\n  time per suite (s): total | set-up (before hooks) | tests | teardown (after hooks) | tests run');
    for (const t of timings.filter((x) => x.tests > 0 || x.end !== undefined)) {
      const end = t.end ?? Date.now();
      const setup = (t.firstTest ?? end) - t.start;
      const tests = t.firstTest !== undefined && t.lastTestEnd !== undefined ? t.lastTestEnd - t.firstTest : undefined;
      const teardown = t.lastTestEnd !== undefined ? end - t.lastTestEnd : undefined;
      print(`  ${s(end - t.start).padStart(6)} | ${s(setup).padStart(5)} | ${s(tests).padStart(6)} | ${s(teardown).padStart(5)} | ${String(t.tests).padStart(3)}  ${t.title}`);
    }
    print(`  ${s(Date.now() - runStart).padStart(6)} in all`);
  });
}
