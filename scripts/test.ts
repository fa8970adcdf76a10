// `npm test`: every tier (typecheck, lint, unit, then integration beside vscode), each a child process
// with a hard time limit, then one summary. `npm test -- --only unit,integration` runs some.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer } from './codeServer/install';
import { repoRoot } from './repoRoot';

interface Tier {
  name: string;
  command: string[];
  /** Kill the tier (and fail) past this: a leaked handle must fail CI, not hang it. */
  limitS: number;
  /**
   * Runs in the second lane, beside the tiers of the first: its output held back and printed whole when both lanes
   * have ended. Tiers of a lane run one after the other. Both lanes mostly wait (on simulated rollouts, on the
   * workbench), so together they keep 2 cores busier, not overloaded; never more than two tiers at once.
   */
  aside?: boolean;
  /** `--only <alias>` selects it too (`--only vscode`: both vscode tiers). */
  alias?: string;
  /** One mocha run: once it prints its result, the process must exit within LINGER_S. */
  mochaRun?: boolean;
}

/** How long a tier may stay after mocha printed its result. */
const LINGER_S = 60;

const mocha = ['node', 'node_modules/mocha/bin/mocha.js'];
const TIERS: Tier[] = [
  { name: 'typecheck', command: ['node', 'node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], limitS: 300 },
  // Browser code (webviews, notebook renderer) has its own DOM-typed project; checked once it has sources.
  ...(hasSources('webviews') ? [{ name: 'typecheck-webviews', command: ['node', 'node_modules/typescript/bin/tsc', '--noEmit', '-p', 'webviews'], limitS: 300 }] : []),
  // Beside the type checks and the unit tier (each mostly one core): the static phase in about half the time.
  { name: 'lint', command: ['node', 'node_modules/eslint/bin/eslint.js', '.'], limitS: 300, aside: true },
  { name: 'unit', command: [...mocha, '--config', 'test/unit/.mocharc.json'], limitS: 300, mochaRun: true },
  // The long tiers in two lanes: integration aside, the extension host then the UI tier beside it. Moving the extension
  // host into integration's lane (two lanes of ~1100 s on paper) was tried on 2026-12-04 and made the whole run
  // slower (1584 s against 1495 s): both lanes are CPU-bound on 2 cores, so the UI tier only ran slower beside more
  // work. Each vscode tier starts its own sandbox (~10 s).
  { name: 'integration', command: [...mocha, '--config', 'test/integration/.mocharc.json'], limitS: 2400, aside: true, mochaRun: true },
  { name: 'vscode-extension-host', command: ['node', 'out/test/vscode/run.js', '--only', 'extension-host'], limitS: 1200, alias: 'vscode' },
  { name: 'vscode-ui', command: ['node', 'out/test/vscode/run.js', '--only', 'ui'], limitS: 2400, alias: 'vscode' },
];

function hasSources(dir: string): boolean {
  const abs = join(repoRoot, dir);
  return existsSync(abs) && readdirSync(abs, { recursive: true }).some((f) => String(f).endsWith('.ts'));
}

/** The last lines a tier printed, so the summary can repeat why a tier failed (CI logs show only their end). */
class Tail {
  private lines: string[] = [];
  private partial = '';
  /** Mocha's "N passing (7m)" line once printed: the tests are over and only the exit remains. */
  passing: string | undefined;
  constructor(private readonly max: number, private readonly onPassing: () => void = () => undefined) {}
  write(chunk: Buffer): void {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    for (const l of parts) {
      if (this.passing === undefined && /^\s+\d+ passing \(/.test(l)) {
        this.passing = l.trim();
        this.onPassing();
      }
    }
    this.lines.push(...parts);
    if (this.lines.length > this.max * 2) this.lines = this.lines.slice(-this.max);
  }
  /** From mocha's "N failing" report on if there is one, else the last lines. */
  failureReport(limit: number): string[] {
    const all = [...this.lines, this.partial].slice(-this.max);
    const start = all.findIndex((l) => /^\s+\d+ failing\b/.test(l));
    const report = start >= 0 ? all.slice(start) : all;
    return report.slice(0, limit);
  }
}

/** Mocha's report up to the first stack frame: which test failed and with what message. */
function firstFailure(report: string[]): string[] {
  const from = Math.max(0, report.findIndex((l) => /^\s+1\) /.test(l)));
  const upToStack = report.slice(from).findIndex((l) => /^\s+at /.test(l));
  return report.slice(from, from + (upToStack < 0 ? 12 : Math.min(upToStack, 12))).map((l) => `    ${l.trim()}`);
}

interface TierResult {
  ok: boolean;
  seconds: number;
  why?: string;
  report?: string[];
  /** Mocha's "N passing (time)" line, repeated in the summary. */
  passing?: string;
  /** The whole output of a tier that ran with its output held back. */
  held?: string;
}

function run(tier: Tier, holdOutput = false): Promise<TierResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const [cmd, ...args] = tier.command;
    // Own process group, so a timed-out tier is killed with everything it started.
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['inherit', 'pipe', 'pipe'], detached: true });
    // A tier whose tests have ended but whose process stays (a leaked timer, socket or child) fails within a
    // minute, with its report, instead of holding CI until the tier's limit.
    let lingered = false;
    const tail = new Tail(400, () => {
      if (!tier.mochaRun) return;
      setTimeout(() => {
        lingered = true;
        kill('SIGTERM');
        setTimeout(() => kill('SIGKILL'), 5000).unref();
      }, LINGER_S * 1000).unref();
    });
    const held: Buffer[] = [];
    const onOutput = (to: NodeJS.WriteStream) => (b: Buffer) => {
      if (holdOutput) held.push(b);
      else to.write(b);
      tail.write(b);
    };
    child.stdout.on('data', onOutput(process.stdout));
    child.stderr.on('data', onOutput(process.stderr));
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5000).unref();
    }, tier.limitS * 1000);
    const onSignal = () => kill('SIGTERM');
    process.once('SIGINT', onSignal);
    // 'exit' then up to 2 s for the pipes to drain ('close'): a leaked grandchild holding them must not stall the summary.
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((r) => child.on('exit', (code, signal) => r([code, signal])));
    const drained = new Promise<void>((r) => child.on('close', () => r()));
    void exited.then(async ([code, signal]) => {
      await Promise.race([drained, new Promise((r) => setTimeout(r, 2000))]);
      clearTimeout(timer);
      process.removeListener('SIGINT', onSignal);
      const seconds = (Date.now() - started) / 1000;
      const report = tail.failureReport(120);
      const output = holdOutput ? { held: Buffer.concat(held).toString('utf8') } : {};
      const summary = tail.passing ? { passing: tail.passing } : {};
      if (lingered && code !== 0) resolve({ ok: false, seconds, why: `its tests ended (${tail.passing}) but the process did not exit within ${LINGER_S} s: a leaked handle`, report, ...summary, ...output });
      else if (timedOut) resolve({ ok: false, seconds, why: `did not finish within ${tier.limitS} s (a hang or a leaked handle)`, report, ...output });
      else resolve({ ok: code === 0, seconds, ...summary, ...(code === 0 ? {} : { why: signal ? `killed by ${signal}` : `exit code ${code}`, report }), ...output });
    });
  });
}

/** Starts ensureCodeServer() now; resolves when it ends. A failure is only logged: the vscode tier retries and reports it. */
function installCodeServerAside(): Promise<void> {
  const started = Date.now();
  return ensureCodeServer((line) => console.log(`[code-server install] ${line}`)).then(
    () => {
      const s = (Date.now() - started) / 1000;
      if (s > 1) console.log(`[code-server install] done in ${s.toFixed(0)} s, beside the static tiers`);
    },
    (e: unknown) => console.log(`[code-server install] failed (the vscode tier will say why): ${e instanceof Error ? e.message : String(e)}`),
  );
}

type Result = { tier: Tier } & TierResult;

/** Runs the tiers marked `aside` one after the other, their output held, beside the others (one after the other too). */
async function runLanes(tiers: Tier[]): Promise<Result[]> {
  const aside = tiers.filter((t) => t.aside);
  const main = tiers.filter((t) => !t.aside);
  // With one lane only (e.g. --only integration) it runs in the foreground, its output as it comes.
  const [held, shown] = main.length ? [aside, main] : [[], aside];
  const runLane = async (lane: Tier[], hold: boolean): Promise<Result[]> => {
    const out: Result[] = [];
    for (const tier of lane) {
      if (!hold) console.log(`\n━━ ${tier.name} ━━ ${tier.command.join(' ')}`);
      out.push({ tier, ...(await run(tier, hold)) });
    }
    return out;
  };
  const beside = shown.map((t) => t.name).join(', ');
  if (held.length) console.log(`\n━━ ${held.map((t) => t.name).join(', then ')} ━━ beside ${beside}; the output follows when both lanes are done`);
  const heldResults = runLane(held, true);
  const shownResults = await runLane(shown, false);
  for (const r of await heldResults) {
    console.log(`\n━━ ${r.tier.name} (ran beside ${beside}, ${r.seconds.toFixed(0)} s) ━━ ${r.tier.command.join(' ')}`);
    process.stdout.write(r.held ?? '');
  }
  return [...(await heldResults), ...shownResults];
}

async function main(): Promise<number> {
  const onlyArg = process.argv.indexOf('--only');
  const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? '').split(',')) : undefined;
  const tiers = TIERS.filter((t) => !only || only.has(t.name) || (t.alias !== undefined && only.has(t.alias)) || (only.has('typecheck') && t.name === 'typecheck-webviews'));
  const started = Date.now();
  const results: Result[] = [];
  // The one-time code-server install (~70 s, mostly npm and a native build on one core) runs beside the
  // static tiers, which leave the other core idle; the timing-sensitive tiers wait until it is done.
  const install = tiers.some((t) => t.name.startsWith('vscode')) ? installCodeServerAside() : undefined;
  const timingSensitive = (t: Tier): boolean => t.name === 'integration' || t.name.startsWith('vscode');
  // Two phases, each in two lanes: the static tiers (lint beside the type checks and the unit tier), then the long
  // ones once code-server is installed. Never more than two tiers at once (three with the install, which is mostly npm).
  results.push(...(await runLanes(tiers.filter((t) => !timingSensitive(t)))));
  const long = tiers.filter(timingSensitive);
  if (install && long.length) await install;
  results.push(...(await runLanes(long)));
  for (const r of results.filter((x) => !x.ok && x.report?.length)) {
    console.log(`\n━━ why ${r.tier.name} failed (repeated from its output) ━━`);
    console.log(r.report!.join('\n'));
  }
  console.log('\n━━ summary ━━');
  results.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier)); // in the order of TIERS, not of finishing
  for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.tier.name.padEnd(22)} ${r.seconds.toFixed(1).padStart(7)} s${r.passing ? `  ${r.passing}` : ''}${r.why ? `  (${r.why})` : ''}`);
  const failed = results.filter((r) => !r.ok);
  // CI keeps only the end of the log: the first failure's title and message go last, before its stack.
  for (const r of failed.filter((x) => x.report?.length)) console.log(`  ${r.tier.name}, first failure:\n${firstFailure(r.report!).join('\n')}`);
  console.log(`  ${failed.length === 0 ? 'all tiers passed' : `${failed.length} tier(s) failed`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
