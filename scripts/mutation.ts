// `npm run test:mutation [-- --mutate src/domain/x.ts]`: runs StrykerJS (stryker.config.mjs), then holds
// EVERY mutated module to the threshold on its own (Stryker's own `break` only looks at the total), and
// lists the survivors and the mutants marked equivalent (`// Stryker disable … : reason`) with their reasons.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repoRoot';

const THRESHOLD = 85;
const REPORT = join(repoRoot, 'reports', 'mutation', 'mutation.json');

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  statusReason?: string;
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

interface ModuleScore {
  file: string;
  killed: number;
  survived: number;
  equivalent: number;
  invalid: number;
  /** Killed (or timed out) ÷ every valid mutant that is not marked equivalent, in %. */
  score: number;
}

/** Stryker's "mutation score": detected ÷ (detected + undetected); compile errors and ignored mutants do not count. */
function scoreOf(file: string, mutants: readonly Mutant[]): ModuleScore {
  const count = (...s: Mutant['status'][]) => mutants.filter((m) => s.includes(m.status)).length;
  const killed = count('Killed', 'Timeout');
  const survived = count('Survived', 'NoCoverage');
  const total = killed + survived;
  return { file, killed, survived, equivalent: count('Ignored'), invalid: count('CompileError', 'RuntimeError'), score: total === 0 ? 100 : (100 * killed) / total };
}

function runStryker(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', ...args], { cwd: repoRoot, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  // A run that fails before its report must not print the previous run's scores as its own.
  rmSync(REPORT, { force: true });
  const code = await runStryker(process.argv.slice(2));
  if (!existsSync(REPORT)) return code || 1;
  const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;
  const scores = Object.entries(report.files).map(([file, { mutants }]) => scoreOf(file, mutants));
  console.log(`\nPer module (each must reach ${THRESHOLD} %):`);
  console.log(`${'module'.padEnd(48)} ${'score'.padStart(7)} ${'killed'.padStart(7)} ${'survived'.padStart(9)} ${'equivalent'.padStart(11)} ${'no compile'.padStart(11)}`);
  for (const s of scores) {
    const mark = s.score >= THRESHOLD ? '' : '  ✘ below the threshold';
    console.log(`${s.file.padEnd(48)} ${s.score.toFixed(1).padStart(6)}% ${String(s.killed).padStart(7)} ${String(s.survived).padStart(9)} ${String(s.equivalent).padStart(11)} ${String(s.invalid).padStart(11)}${mark}`);
  }
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants.filter((x) => x.status === 'Ignored' || x.status === 'Survived' || x.status === 'NoCoverage')) {
      const where = `${file}:${m.location.start.line}:${m.location.start.column}`;
      const why = m.status === 'Ignored' ? `equivalent: ${(m.statusReason ?? '').replace(/^Ignored because of excluded mutation\s*/i, '')}` : m.status;
      console.log(`  ${where} ${m.mutatorName}${m.replacement ? ` → ${m.replacement.replace(/\s+/g, ' ').slice(0, 60)}` : ''}  (${why})`);
    }
  }
  const below = scores.filter((s) => s.score < THRESHOLD);
  if (below.length) console.log(`\n${below.length} module(s) below ${THRESHOLD} %: ${below.map((s) => s.file).join(', ')}`);
  return code !== 0 ? code : below.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
