// Runbooks: parse and serialize a 1 MB runbook (goal ≤ 20 ms each, byte-identical), and the overhead from
// "run" to the first byte of a shell cell's output (goal ≤ 50 ms) against a bare `bash -c` doing the same.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../scripts/repoRoot';
import { parseRunbook, serializeRunbook } from '../src/domain/runbook/runbookDocument';
import { ShellSession } from '../src/domain/runbook/shellSession';
import { type Comparison, median } from './harness';

/** The shipped runbooks, repeated (with CRLF copies mixed in) until the document passes 1 MB. */
function oneMegabyteRunbook(): string {
  const dir = repoPath('runbooks');
  const shipped = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const text = shipped[i % shipped.length];
    const part = i % 3 === 2 ? text.replace(/\r?\n/g, '\r\n') : text;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return parts.join('\n');
}

export async function runbookBenches(): Promise<Comparison[]> {
  const src = oneMegabyteRunbook();
  const doc = parseRunbook(src);
  const again = serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells: doc.cells });
  if (again !== src) throw new Error('the 1 MB runbook did not round-trip byte for byte');
  for (let i = 0; i < 10; i++) serializeRunbook({ frontMatter: doc.frontMatter, eol: parseRunbook(src).eol, cells: doc.cells }); // JIT warm-up
  // markdown-it (what VS Code's own markdown preview parses with) on the same file in the same run, block structure
  // only (its inline pass is work the cockpit does not do): the fair rival of finding the cells.
  const MarkdownIt = createRequire(__filename)('markdown-it') as new (preset: string) => { parse(src: string, env: object): unknown[]; core: { ruler: { disable(rules: string[]): void } } };
  const md = new MarkdownIt('commonmark');
  md.core.ruler.disable(['inline', 'text_join']);
  for (let i = 0; i < 10; i++) md.parse(src, {}); // JIT warm-up, as for ours
  const parse = await median(21, () => Promise.resolve(parseRunbook(src)));
  const markdownIt = await median(21, () => Promise.resolve(md.parse(src, {})));
  const serialize = await median(21, () => Promise.resolve(serializeRunbook({ frontMatter: doc.frontMatter, eol: doc.eol, cells: doc.cells })));
  const sizeNote = `${(Buffer.byteLength(src) / 1024 / 1024).toFixed(2)} MB, ${doc.cells.length} cells, round trip byte-identical`;

  const cwd = mkdtempSync(join(tmpdir(), 'phoenix-bench-shell-'));
  const session = new ShellSession({ env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd }, cwd, spillDir: cwd });
  let firstByte: number;
  try {
    await session.run({ script: 'true', timeoutMs: 10_000, onOutput: () => undefined }); // warm, as any cell after the first
    firstByte = await medianOf21(async () => {
      const t0 = process.hrtime.bigint();
      let first = 0;
      await session.run({ script: 'echo ready', timeoutMs: 10_000, onOutput: () => void (first ||= sinceMs(t0)) });
      return first;
    });
  } finally {
    session.dispose();
  }
  const bare = await medianOf21(
    () =>
      new Promise<number>((resolve, reject) => {
        const t0 = process.hrtime.bigint();
        const child = spawn('bash', ['-c', 'echo ready'], { cwd });
        let first = 0;
        child.stdout.once('data', () => (first = sinceMs(t0)));
        child.on('error', reject);
        child.on('close', () => resolve(first));
      }),
  );
  rmSync(cwd, { recursive: true, force: true });
  return [
    { name: 'Runbooks: parse a 1 MB runbook', ours: { label: 'parseRunbook', ms: parse }, theirs: { label: "markdown-it.parse, block structure (VS Code's preview)", ms: markdownIt }, notes: [sizeNote, 'goal: no slower than markdown-it (ratio ≤ 1)'] },
    { name: 'Runbooks: serialize a 1 MB runbook', ours: { label: 'serializeRunbook', ms: serialize }, theirs: { label: 'goal', ms: 20 } },
    { name: 'Runbooks: run → first byte of a shell cell', ours: { label: 'ShellSession.run (env + cwd carried)', ms: firstByte }, theirs: { label: 'bash -c (no session)', ms: bare }, notes: ['goal: ≤ 50 ms'] },
  ];
}

function sinceMs(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The median of 21 measurements that each report their own figure (time to first byte, not to completion). */
async function medianOf21(measure: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) times.push(await measure());
  return times.sort((a, b) => a - b)[10];
}
