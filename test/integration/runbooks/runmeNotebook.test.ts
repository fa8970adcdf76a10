// A notebook written in Runme's style runs here as it runs in Runme, against the sandbox: front matter (cwd, runme.id,
// skipPrompts), cells without a language as shell, "$ " prompts, generated names, interpreters, mermaid and ignored cells.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox';
import { cellNames } from '../../../src/domain/runbook/cellNames';
import { notebookCwd, readFrontMatter } from '../../../src/domain/runbook/frontMatter';
import { parseRunbook } from '../../../src/domain/runbook/runbookDocument';
import type { StepResult } from '../../../src/domain/runbook/runbookRunner';
import { waitFor } from '../../shared/waitFor';
import { capture, type CapturedOutput, runbookHarness } from './runbookHarness';

const FENCE = '```';
const NOTEBOOK = `---
runme:
  id: 01HF7BT3HD84GWTQB8ZY0GBA06
  version: v3
shell: bash
cwd: work
skipPrompts: true
---

# Platform API quick check

Runme names this one "echo-hello":

${FENCE}
echo hello
${FENCE}

and this one "echo-hello-2":

${FENCE}sh
$ echo hello again
${FENCE}

${FENCE}sh { name=deployments cwd= interactive=false }
$ kubectl get deployments -o name
pwd
${FENCE}

${FENCE}sh { excludeFromRunAll }
echo "a key without a value is empty: not excluded"
${FENCE}

${FENCE}python
import os
print("python says", os.environ["RUNME_CHECK"])
${FENCE}

${FENCE}sh { interpreter=no-such-interpreter-xyz }
echo never
${FENCE}

${FENCE}mermaid
graph TD; a-->b
${FENCE}

${FENCE}sh { ignore=true }
echo ignored
${FENCE}

${FENCE}sh
echo "needs <namespace>"
${FENCE}
`;

describe('a Runme notebook against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;

  before(async function () {
    this.timeout(180_000);
    sandbox = await startSandbox({ timeScale: 0.2 });
  });
  after(async () => {
    await sandbox?.stop();
  });

  it('runs every cell as Runme would, named as Runme names them', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runme-notebook-')));
    mkdirSync(join(dir, 'work'));
    const doc = parseRunbook(NOTEBOOK);
    const fm = readFrontMatter(doc.frontMatter);
    assert.deepEqual(fm, { format: 'yaml', shell: 'bash', cwd: 'work', skipPrompts: true, runmeId: '01HF7BT3HD84GWTQB8ZY0GBA06', runmeVersion: 'v3' });
    const h = runbookHarness(sandbox, { cwd: notebookCwd(dir, fm), frontMatter: fm, runbook: 'quick-check.md' });
    const names = cellNames(doc.cells);
    const results: Array<{ name: string; result: StepResult; out: CapturedOutput } | { name: string; skipped: true }> = [];
    try {
      // Run All: each code cell in order, skipping what Run All skips.
      for (const [i, cell] of doc.cells.entries()) {
        if (cell.kind !== 'code') continue;
        const name = names[i]?.name ?? '';
        const step = { runbook: 'quick-check.md', index: i, text: cell.value, language: cell.language, info: cell.info, name };
        if (h.session.skippedByRunAll(step)) {
          results.push({ name, skipped: true });
          continue;
        }
        const { result, out } = await h.run(cell.value, cell.language, cell.info, { name, index: i });
        results.push({ name, result, out });
      }
      const by = (name: string) => {
        const r = results.find((x) => x.name === name);
        assert.ok(r && !('skipped' in r), `${name} ran`);
        return r as { result: StepResult; out: CapturedOutput };
      };
      assert.deepEqual(
        results.map((r) => ('skipped' in r ? `${r.name} skipped` : r.name)),
        ['echo-hello', 'echo-hello-2', 'deployments', 'echo-a', 'import-os', 'echo-never', 'graph-td skipped', 'echo-ignored skipped', 'echo-needs'],
      );
      // No language: shell. "$ " prompts are dropped in sh cells.
      assert.equal(by('echo-hello').out.stdout, 'hello\n');
      assert.equal(by('echo-hello-2').out.stdout, 'hello again\n');
      // cwd= is empty (not "interactive=false"): the cell runs in the front matter's cwd, and kubectl reaches the sandbox.
      const deployments = by('deployments');
      assert.equal(deployments.result.outcome, 'succeeded', deployments.out.all());
      assert.match(deployments.out.stdout, /^deployment\.apps\/platform-api$/m);
      assert.match(deployments.out.stdout, new RegExp(`^${join(dir, 'work')}$`, 'm'));
      assert.equal(by('echo-a').out.stdout, 'a key without a value is empty: not excluded\n');
      assert.equal(by('echo-a').result.outcome, 'succeeded');
      // The python cell ran through python3, in the session's environment.
      assert.equal(by('import-os').result.outcome, 'failed', 'RUNME_CHECK is not set yet');
      const missing = by('echo-never');
      assert.equal(missing.result.outcome, 'failed');
      assert.match(missing.out.stderr, /no-such-interpreter-xyz \(for its interpreter=no-such-interpreter-xyz\) is not installed/);
      // skipPrompts: the placeholder is not asked for; the step is not run and says why.
      const needs = by('echo-needs');
      assert.equal(needs.result.outcome, 'declined');
      assert.match(needs.out.stderr, /skipPrompts: true/);
      assert.equal(h.asked.length, 0, 'nothing was asked');
      // Transcripts carry the Runme names and the notebook's runme.id.
      assert.deepEqual(
        h.session.transcript.map((e) => `${e.step} ${e.outcome} ${e.notebookId ?? ''}`),
        ['echo-hello', 'echo-hello-2', 'deployments', 'echo-a', 'import-os', 'echo-never', 'echo-needs'].map((n) => `${n} ${n === 'import-os' || n === 'echo-never' ? 'failed' : n === 'echo-needs' ? 'declined' : 'succeeded'} 01HF7BT3HD84GWTQB8ZY0GBA06`),
      );
      // With the variable set by an earlier cell (carried in the session), the python cell prints it.
      assert.equal((await h.run('export RUNME_CHECK=ok')).result.outcome, 'succeeded');
      const py = await h.run('import os\nprint("python says", os.environ["RUNME_CHECK"])', 'python', 'python');
      assert.equal(py.result.outcome, 'succeeded', py.out.all());
      assert.equal(py.out.stdout, 'python says ok\n');
    } finally {
      h.session.dispose();
    }
  });

  it('a background cell returns at once, keeps streaming while other cells run, and Stop ends it', async () => {
    const h = runbookHarness(sandbox);
    try {
      const out = capture();
      const stop = new AbortController();
      const started = await h.session.runStep({ runbook: 'bg.md', index: 0, text: 'echo started; while true; do echo tick; sleep 0.2; done', language: 'sh', info: 'sh { background=true }', name: 'echo-started' }, stop.signal, out);
      assert.equal(started.outcome, 'succeeded');
      assert.ok(started.background, 'the step says it runs in the background');
      // Other cells run meanwhile (the session is not busy with it).
      const next = await h.run('kubectl get deployments -o name');
      assert.equal(next.result.outcome, 'succeeded', next.out.all());
      await waitFor('ticks from the background cell', () => ((out.stdout.match(/tick/g) ?? []).length >= 3 ? true : undefined), 15_000);
      stop.abort();
      const ended = await started.background;
      assert.equal(ended?.outcome, 'cancelled');
      assert.deepEqual(h.session.transcript.map((e) => `${e.step} ${e.outcome}`), ['echo-started succeeded', 'kubectl get deployments -o name succeeded', 'echo-started cancelled']);
    } finally {
      h.session.dispose();
    }
  });

  it('unreadable front matter is named with each step and none of it is used', async () => {
    const fm = readFrontMatter('---\nskipPrompts: true\ncwd: [work\n---');
    assert.match(fm?.error ?? '', /YAML front matter cannot be read/);
    const h = runbookHarness(sandbox, { ...(fm ? { frontMatter: fm } : {}), answers: () => 'phoenix-system' });
    try {
      const r = await h.run('echo "in <namespace>"');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      assert.equal(r.out.stdout, 'in phoenix-system\n');
      assert.match(r.out.stderr, /Note: the YAML front matter cannot be read: .*; its shell, cwd and skipPrompts are not used/);
      assert.equal(h.asked.length, 1, 'skipPrompts was not used: the value was asked for');
    } finally {
      h.session.dispose();
    }
  });

  it("front matter shell: another shell than bash runs each shell cell's script", async () => {
    const fm = readFrontMatter('---\nshell: sh\n---');
    assert.equal(fm?.shell, 'sh');
    const h = runbookHarness(sandbox, { ...(fm ? { frontMatter: fm } : {}) });
    try {
      const r = await h.run('$ [ -n "$BASH_VERSION" ] && echo bash || echo not-bash\nkubectl get deployment platform-api -o name');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      assert.equal(r.out.stdout, 'not-bash\ndeployment.apps/platform-api\n');
      const missing = runbookHarness(sandbox, { frontMatter: { format: 'yaml', skipPrompts: false, shell: 'no-such-shell-xyz' } });
      try {
        const m = await missing.run('echo hi');
        assert.equal(m.result.outcome, 'failed');
        assert.match(m.out.stderr, /no-such-shell-xyz \(for shell cells: the front matter says shell: no-such-shell-xyz\) is not installed/);
      } finally {
        missing.session.dispose();
      }
    } finally {
      h.session.dispose();
    }
  });
});
