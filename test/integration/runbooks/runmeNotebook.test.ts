// A notebook written in Runme's style runs here as it runs in Runme, against the sandbox: front matter (cwd, runme.id,
// skipPrompts), cells without a language as shell, "$ " prompts, generated names, interpreters, mermaid and ignored cells.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/sandbox';
import { cellNames } from '../../../src/domain/runbook/cellNames';
import { notebookCwd, readFrontMatter } from '../../../src/domain/runbook/frontMatter';
import { parseRunbook } from '../../../src/domain/runbook/runbookDocument';
import type { StepResult } from '../../../src/domain/runbook/runbookRunner';
import { waitFor } from '../../shared/waitFor';
import { capture, type CapturedOutput, runbookHarness, useSandbox } from './runbookHarness';

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

  useSandbox({ timeScale: 0.2 }, (s) => (sandbox = s));

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
        ['echo-hello', 'echo-hello-2', 'deployments', 'echo-a', 'import-os', 'echo-never', 'echo-needs'],
      );
      // The mermaid and ignore=true blocks are markdown cells, as in Runme: shown as code, never run.
      assert.deepEqual(
        doc.cells.filter((c) => c.kind === 'markdown' && c.value.startsWith(FENCE)).map((c) => c.value),
        [`${FENCE}mermaid\ngraph TD; a-->b\n${FENCE}`, `${FENCE}sh { ignore=true }\necho ignored\n${FENCE}`],
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
      assert.equal((await h.run('export RUNME_CHECK=ok', 'sh', 'sh { promptEnv=no }')).result.outcome, 'succeeded');
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

  it("a background cell's exports reach the session when it ends successfully, as in Runme: not while it runs, never from a failed one", async () => {
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'runme-bg-')));
    const h = runbookHarness(sandbox, { cwd });
    const background = async (text: string, info = 'sh { background=true promptEnv=no }') => {
      const out = capture();
      const r = await h.session.runStep({ runbook: 'bg.md', index: 0, text, language: 'sh', info }, new AbortController().signal, out);
      assert.ok(r.background, out.all());
      return { ended: r.background, out };
    };
    try {
      const bg = await background('export BG_VAR=from-bg\nexport FG_VAR=overwritten-by-bg-start-value\nunset FG_VAR\nuntil [ -e go ]; do sleep 0.1; done\necho bg done');
      // While it runs, later cells do not see what it exported; what they set themselves stays theirs.
      const during = await h.run('export FG_VAR=fg\necho "bg=${BG_VAR:-unset}"', 'sh', 'sh { promptEnv=no }');
      assert.equal(during.out.stdout, 'bg=unset\n');
      writeFileSync(join(cwd, 'go'), '');
      const ended = await bg.ended;
      assert.equal(ended?.outcome, 'succeeded', bg.out.all());
      assert.match(bg.out.stderr, /\[background step ended: BG_VAR is now set for the next steps\]/);
      // After it ended: its export is the session's; FG_VAR, which it never had (it unset a variable it did not start
      // with), keeps the value the foreground cell gave it.
      const after = await h.run('echo "bg=$BG_VAR fg=$FG_VAR"');
      assert.equal(after.out.stdout, 'bg=from-bg fg=fg\n');
      // A background cell that fails exports nothing.
      const failed = await background('export BG_FAILED=x\nexit 3');
      assert.equal((await failed.ended)?.outcome, 'failed');
      assert.equal((await h.run('echo "${BG_FAILED:-unset}"')).out.stdout, 'unset\n');
    } finally {
      h.session.dispose();
    }
  });

  it('a background cell with a timeout attribute is stopped by it with a clear message; without one it runs past the default step timeout until stopped', async () => {
    const h = runbookHarness(sandbox, { defaultTimeoutMs: 1500 });
    try {
      // Started first, without a timeout attribute: the default step timeout (1.5 s here) is not a background cell's.
      const stop = new AbortController();
      const unlimited = await h.session.runStep({ runbook: 'bg.md', index: 1, text: 'echo up; while true; do sleep 0.1; done', language: 'sh', info: 'sh { background=true }', name: 'watch' }, stop.signal, capture());
      let unlimitedEnded = false;
      void unlimited.background?.then(() => (unlimitedEnded = true));
      const out = capture();
      const started = await h.session.runStep({ runbook: 'bg.md', index: 0, text: 'export NEVER_KEPT=1\necho forwarding; sleep 60', language: 'sh', info: 'sh { background=true timeout=4s promptEnv=no }', name: 'forward' }, new AbortController().signal, out);
      assert.ok(started.background);
      const ended = await started.background;
      assert.equal(ended?.outcome, 'timedOut');
      assert.match(out.stderr, /The background step was stopped by its timeout=4s \(a background=true cell runs until Stop, or for its timeout attribute\); what it exported was not kept\./);
      assert.equal((await h.run('echo "${NEVER_KEPT:-unset}"')).out.stdout, 'unset\n');
      assert.deepEqual(h.session.transcript.filter((e) => e.step === 'forward').map((e) => e.outcome), ['succeeded', 'timedOut']);
      // 4 s later, the one without a timeout still runs (the default would have ended it after 1.5 s) until stopped.
      assert.equal(unlimitedEnded, false, 'the background cell without a timeout attribute is still running');
      stop.abort();
      assert.equal((await unlimited.background)?.outcome, 'cancelled');
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
