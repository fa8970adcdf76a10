// promptEnv in a real runbook session (bash, the sandbox's kubectl): the variables a shell cell exports with a
// literal value are asked before it runs, the answers reach later cells, Escape runs nothing, secrets stay out of
// outputs and the transcript, a variable the session has is kept, promptEnv=no / skipPrompts run the text as written.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/sandbox';
import { capture, runbookHarness, useSandbox } from './runbookHarness';

describe('promptEnv in a runbook session', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;

  useSandbox({ timeScale: 0.2 }, (s) => (sandbox = s));

  it('asks each exported variable, offering a quoted value; the answers reach later cells; re-running keeps them', async () => {
    const h = runbookHarness(sandbox, { envAnswers: { TICKET: 'INC-42', REASON: 'rollback drill' } });
    try {
      const first = await h.run('export NS="phoenix-system"\nexport TICKET=\nexport REASON=why are you running this\necho "in $NS for $TICKET: $REASON"');
      assert.equal(first.result.outcome, 'succeeded', first.out.all());
      assert.deepEqual(h.envAsked, [
        { name: 'NS', hint: 'phoenix-system', value: 'phoenix-system', secret: false },
        { name: 'TICKET', hint: 'a value for TICKET', secret: false },
        { name: 'REASON', hint: 'why are you running this', secret: false },
      ]);
      assert.equal(first.out.stdout, 'in phoenix-system for INC-42: rollback drill\n');
      assert.match(first.out.stderr, /\[promptEnv: NS, TICKET, REASON set for this runbook's session\]/);
      // A later cell (kubectl on the answered namespace) sees them.
      const later = await h.run('echo "$TICKET"; kubectl get deployments -n "$NS" -o name');
      assert.equal(later.result.outcome, 'succeeded', later.out.all());
      assert.match(later.out.stdout, /^INC-42\ndeployment\.apps\//);
      // Run again: the session has them, so nothing is asked and the cell's literal values do not overwrite them.
      const again = await h.run('export TICKET=\necho "[$TICKET]"');
      assert.equal(h.envAsked.length, 3, 'not asked again');
      assert.equal(again.out.stdout, '[INC-42]\n');
      assert.match(again.out.stderr, /TICKET kept from the session, not asked again/);
      // promptEnv=yes asks every time, offering the session's value.
      const always = await h.run('export TICKET=\necho "[$TICKET]"', 'sh', 'sh { promptEnv=yes }');
      assert.deepEqual(h.envAsked[3], { name: 'TICKET', hint: 'a value for TICKET', value: 'INC-42', secret: false });
      assert.equal(always.out.stdout, '[INC-42]\n');
    } finally {
      h.session.dispose();
    }
  });

  it('Escape cancels the cell: nothing of it runs and it says which variable was not set', async () => {
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'promptenv-')));
    const h = runbookHarness(sandbox, { cwd, envAnswers: { RELEASE: null } });
    try {
      const r = await h.run('touch ran-before\nexport RELEASE="my-release"\ntouch ran-after');
      assert.equal(r.result.outcome, 'cancelled');
      assert.match(r.out.stderr, /^cancelled: RELEASE not set \(promptEnv asked for it and the question was dismissed\), so nothing of this step ran\.$/m);
      assert.equal(existsSync(join(cwd, 'ran-before')), false, 'nothing before the export ran');
      assert.equal(existsSync(join(cwd, 'ran-after')), false);
      assert.equal(h.gateRequests.length, 0, 'not even offered to the gate');
      assert.deepEqual(h.session.transcript.map((e) => [e.outcome, e.message]), [['cancelled', 'cancelled: RELEASE not set (promptEnv asked for it and the question was dismissed), so nothing of this step ran']]);
      assert.equal((await h.run('echo "[${RELEASE:-unset}]"')).out.stdout, '[unset]\n');
    } finally {
      h.session.dispose();
    }
  });

  it('a secret answer is set for later cells but never appears in outputs or the transcript', async () => {
    const secret = 'sw0rdf1sh-0123';
    const h = runbookHarness(sandbox, { envAnswers: { API_TOKEN: secret } });
    try {
      const r = await h.run('export API_TOKEN="paste your token"\necho "token has ${#API_TOKEN} characters"');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      assert.deepEqual(h.envAsked, [{ name: 'API_TOKEN', hint: 'API_TOKEN (hidden as you type)', secret: true }], 'a password box, the placeholder not offered');
      assert.equal(r.out.stdout, `token has ${secret.length} characters\n`);
      // A later cell has it (its digest compared, so the test's own cell text never holds it).
      const later = await h.run('printf %s "$API_TOKEN" | sha256sum');
      assert.equal(later.out.stdout.split(' ')[0], createHash('sha256').update(secret).digest('hex'));
      assert.doesNotMatch(r.out.all() + later.out.all(), /sw0rdf1sh/);
      assert.doesNotMatch(JSON.stringify(h.session.transcript), /sw0rdf1sh/);
    } finally {
      h.session.dispose();
    }
  });

  it('promptEnv=no and front matter skipPrompts run the exports as written; expansions are never asked; errors keep their line', async () => {
    const h = runbookHarness(sandbox);
    try {
      const no = await h.run('export MODE="as-written"\necho "$MODE"', 'sh', 'sh { promptEnv=no }');
      assert.equal(no.out.stdout, 'as-written\n');
      const expanded = await h.run('export WHEN=$(echo now)\nexport WHERE="$HOME"\necho "$WHEN"');
      assert.equal(expanded.out.stdout, 'now\n');
      assert.equal(h.envAsked.length, 0);
      // Line 3 is still line 3 with the export taken out.
      const failing = await h.run('export STAGE="one"\necho "$STAGE"\nfalse\necho never', 'sh');
      assert.equal(failing.result.outcome, 'failed');
      assert.match(failing.out.stderr, /Stopped at line 3 \(`false`\)/);
    } finally {
      h.session.dispose();
    }
    const skip = runbookHarness(sandbox, { frontMatter: { format: 'yaml', skipPrompts: true } });
    try {
      const r = await skip.run('export MODE="from-the-text"\necho "$MODE"', 'sh', 'sh { promptEnv=yes }');
      assert.equal(r.out.stdout, 'from-the-text\n');
      assert.equal(skip.envAsked.length, 0);
    } finally {
      skip.session.dispose();
    }
  });

  it('interactive=true: what the user types reaches the step (read works); without it stdin is empty; SQL ignores it', async () => {
    const h = runbookHarness(sandbox);
    try {
      const typed: string[] = [];
      const input = {
        attach(stdin: { write(text: string): void; end(): void }) {
          // The user types a line once the process runs, then Ctrl+D.
          stdin.write('on-call\n');
          stdin.end();
          typed.push('attached');
          return () => typed.push('detached');
        },
      };
      const step = { runbook: 'i.md', index: 0, text: 'read -r WHO; echo "hello $WHO"; cat', language: 'sh', info: 'sh { interactive=true }' };
      assert.equal(h.session.interactive(step), true);
      const out = capture();
      const r = await h.session.runStep(step, new AbortController().signal, out, input);
      assert.equal(r.outcome, 'succeeded', out.all());
      assert.equal(out.stdout, 'hello on-call\n');
      assert.deepEqual(typed, ['attached', 'detached']);
      // Not interactive: the same input is never attached and `read` meets the end of stdin.
      const plain = { ...step, info: 'sh' };
      assert.equal(h.session.interactive(plain), false);
      const out2 = capture();
      const r2 = await h.session.runStep(plain, new AbortController().signal, out2, input);
      assert.equal(r2.outcome, 'failed');
      assert.deepEqual(typed, ['attached', 'detached'], 'not attached');
      assert.equal(h.session.interactive({ ...step, language: 'sql', text: 'SELECT 1', info: 'sql { interactive=true }' }), false);
    } finally {
      h.session.dispose();
    }
  });
});
