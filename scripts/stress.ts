// `npm run test:stress [-- --parallel 4 --rounds 1]`: the unit tier several times at once, all pinned to one
// core (`taskset -c 0`), so each run gets a fraction of a CPU — a noisy, shared CI machine, exaggerated.
// A test that decides by time instead of by condition fails here; the command must report 0 failures.
import { spawn, spawnSync } from 'node:child_process';
import { repoRoot } from './repoRoot';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(v) && v > 0 ? v : fallback;
}

interface RunResult {
  run: string;
  code: number | null;
  passing: number;
  failing: number;
  seconds: number;
  /** Mocha's failure report (titles and messages), when a test failed. */
  report: string;
}

const pinned = spawnSync('taskset', ['--version']).status === 0;

function runUnitTier(run: string): Promise<RunResult> {
  const started = Date.now();
  const mocha = [process.execPath, 'node_modules/mocha/bin/mocha.js', '--config', 'test/unit/.mocharc.json', '--reporter', 'dot'];
  const [cmd, ...args] = pinned ? ['taskset', '-c', '0', ...mocha] : mocha;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('close', (code) => {
      const count = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
      const failingAt = out.search(/^\s+\d+ failing/m);
      resolve({ run, code, passing: count(/(\d+) passing/), failing: count(/(\d+) failing/), seconds: (Date.now() - started) / 1000, report: failingAt >= 0 ? out.slice(failingAt) : code === 0 ? '' : out.slice(-3000) });
    });
  });
}

async function main(): Promise<number> {
  const parallel = arg('parallel', 4);
  const rounds = arg('rounds', 1);
  console.log(`unit tier × ${parallel} at once${pinned ? ', all on CPU 0 (taskset -c 0)' : ' (taskset not found: not pinned, contention only from the parallel runs)'}, ${rounds} round(s)`);
  const results: RunResult[] = [];
  for (let r = 1; r <= rounds; r++) {
    const round = await Promise.all(Array.from({ length: parallel }, (_, i) => runUnitTier(`${r}.${i + 1}`)));
    for (const x of round) console.log(`  run ${x.run}: ${x.passing} passing, ${x.failing} failing, exit ${x.code}, ${x.seconds.toFixed(0)} s`);
    results.push(...round);
  }
  const bad = results.filter((x) => x.code !== 0);
  for (const x of bad) console.log(`\n── run ${x.run} ──\n${x.report}`);
  const failed = results.reduce((n, x) => n + x.failing, 0);
  const passed = results.reduce((n, x) => n + x.passing, 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
