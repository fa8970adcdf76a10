// promptEnv decides which variables a shell cell asks for before it runs and which of its lines then do not run.
// The first table is Runme's own resolver test vectors (command/program_resolver_test.go: facts, our code); the
// statements that must NOT be asked for (left to run as written) outnumber the ones that must.
import assert from 'node:assert/strict';
import { exportStatements, isSecretName, planPromptEnv, promptEnvMode, type PromptEnvMode } from '../../../../src/domain/runbook/promptEnv';

const fresh = { sessionValue: () => undefined, cockpitVariable: () => false };
const asked = (script: string, mode: PromptEnvMode = 'auto') => planPromptEnv(script, mode, fresh).prompts;

describe('promptEnv: what a shell cell asks for', () => {
  describe("Runme's resolver vectors (auto mode, a fresh session)", () => {
    const vectors: Array<[string, string, { kind: string; original: string }]> = [
      ['EmptyValue', 'export TEST_EMPTY_VALUE=', { kind: 'empty', original: '' }],
      ['NakedValue', 'export TEST_STRING_VALUE=value', { kind: 'message', original: 'value' }],
      ['QuotedValue', 'export TEST_STRING_VALUE="value"', { kind: 'placeholder', original: 'value' }],
      ['message words', 'export KUBECONFIG_PATH=Insert kubeconfig file path', { kind: 'message', original: 'Insert kubeconfig file path' }],
      ['single quotes', "export NS='payments'", { kind: 'placeholder', original: 'payments' }],
      ['empty quotes', 'export NS=""', { kind: 'empty', original: '' }],
      ['escaped parens in a message', 'export X=a\\(b\\)', { kind: 'message', original: 'a(b)' }],
      ['multi-line placeholder', 'export KEY="-----BEGIN-----\nabc\n-----END-----"', { kind: 'placeholder', original: '-----BEGIN-----\nabc\n-----END-----' }],
    ];
    for (const [label, script, want] of vectors) {
      it(`${label}: ${JSON.stringify(script)}`, () => {
        const [st, ...more] = exportStatements(script);
        assert.equal(more.length, 0);
        assert.deepEqual({ kind: st.kind, original: st.original }, want);
      });
    }

    it('ParamExpr (export X=${TEST:7:0}) is not a prompt and runs as written', () => {
      const plan = planPromptEnv('export TEST_PARAM_EXPR=${TEST:7:0}', 'auto', fresh);
      assert.deepEqual(plan.prompts, []);
      assert.equal(plan.script, 'export TEST_PARAM_EXPR=${TEST:7:0}');
    });

    it('NoValue (export X): Runme asks nothing and neither do we; it runs as written', () => {
      assert.deepEqual(planPromptEnv('export TEST_NO_VALUE', 'auto', fresh), { prompts: [], kept: [], script: 'export TEST_NO_VALUE' });
    });

    it('a variable the session already has is kept (not asked, its export does not run), as Runme resolves it', () => {
      const plan = planPromptEnv('export MY_ENV=default\necho $MY_ENV', 'auto', { sessionValue: (n) => (n === 'MY_ENV' ? 'resolved' : undefined), cockpitVariable: () => false });
      assert.deepEqual(plan.prompts, []);
      assert.deepEqual(plan.kept, ['MY_ENV']);
      assert.equal(plan.script, ':\necho $MY_ENV');
    });

    it('promptEnv=yes asks again, offering the session value', () => {
      const plan = planPromptEnv('export MY_ENV="placeholder value"', 'always', { sessionValue: () => 'resolved', cockpitVariable: () => false });
      assert.deepEqual(plan.prompts, [{ name: 'MY_ENV', hint: 'placeholder value', secret: false, value: 'resolved' }]);
    });

    it('promptEnv=no asks nothing and runs every export as written', () => {
      const script = 'export A=\nexport B="b"\nexport C=c';
      assert.deepEqual(planPromptEnv(script, 'never', fresh), { prompts: [], kept: [], script });
    });
  });

  it('offers a quoted value as the answer, shows an unquoted one as a hint, asks an empty one with a hint', () => {
    assert.deepEqual(asked('export NS="payments"\nexport REASON=why are you running this\nexport TICKET='), [
      { name: 'NS', hint: 'payments', secret: false, value: 'payments' },
      { name: 'REASON', hint: 'why are you running this', secret: false },
      { name: 'TICKET', hint: 'a value for TICKET', secret: false },
    ]);
  });

  it('asks for secrets in a password box without offering what the cell wrote', () => {
    assert.deepEqual(asked('export API_TOKEN="paste-your-token"'), [{ name: 'API_TOKEN', hint: 'API_TOKEN (hidden as you type)', secret: true }]);
  });

  it('replaces the asked exports by `:` keeping every other line where it was', () => {
    const script = 'echo start\nexport NS="a"; echo "$NS"\nexport KEY="x\ny"\necho end # done';
    assert.equal(planPromptEnv(script, 'auto', fresh).script, 'echo start\n:; echo "$NS"\n:\n\necho end # done');
  });

  it("never touches the cockpit's own variables (KUBECONFIG, PG*): their exports run as written", () => {
    const plan = planPromptEnv('export KUBECONFIG=/tmp/elsewhere\nexport NS=x', 'auto', { sessionValue: () => undefined, cockpitVariable: (n) => n === 'KUBECONFIG' });
    assert.deepEqual(plan.prompts.map((p) => p.name), ['NS']);
    assert.equal(plan.script, 'export KUBECONFIG=/tmp/elsewhere\n:');
  });

  const notAsked: Array<[string, string]> = [
    ['export X=$(date)', 'command substitution'],
    ['export X=`date`', 'backticks'],
    ['export X="$HOME/x"', 'a variable in double quotes'],
    ['export X=$Y', 'a variable'],
    ['export X="${Y:-default}"', 'a default expansion'],
    ['export X=$((1+2))', 'arithmetic'],
    ['export X=<(ls)', 'process substitution'],
    ['export X+=more', 'an append'],
    ['export -n X=1', 'an option'],
    ['export A=1 B=2', 'two assignments (Runme would drop B)'],
    ['export A=1 $B', 'an expansion in a further word'],
    ['export X=1 && echo ok', 'part of an && list'],
    ['export X=1 || true', 'part of an || list'],
    ['export X=1 | cat', 'part of a pipeline'],
    ['export X=1 &', 'run in the background'],
    ['export X=1 > /dev/null', 'with a redirection'],
    ['if true; then export X=1; fi', 'inside if'],
    ['for i in 1; do export X=1; done', 'inside a for loop'],
    ['while false; do\n  export X=1\ndone', 'inside a while loop'],
    ['case a in a) export X=1;; esac', 'inside case'],
    ['( export X=1 )', 'in a subshell'],
    ['{ export X=1; }', 'in a group'],
    ['f() {\n  export X=1\n}', 'in a function'],
    ['cat <<EOF\nexport X=1\nEOF', 'in a heredoc'],
    ["cat <<'EOF'\nexport X=1\nEOF", 'in a quoted heredoc'],
    ['echo "export X=1"', 'inside a string'],
    ["echo 'export X=1'", 'inside single quotes'],
    ['# export X=1', 'in a comment'],
    ['X=1', 'a plain assignment'],
    ['echo export X=1', 'an argument'],
    ['exported X=1', 'another command'],
    ['export X="unterminated', 'an unterminated quote'],
    ['echo $(export X=1)', 'in a substitution'],
    ['true && export X=1', 'after &&'],
    ['export', 'no arguments'],
  ];
  for (const [script, why] of notAsked) {
    it(`not asked, runs as written: ${why} (${JSON.stringify(script)})`, () => {
      const plan = planPromptEnv(script, 'auto', fresh);
      assert.deepEqual(plan.prompts, []);
      assert.equal(plan.script, script);
    });
  }

  it('finds exports after a heredoc, a subshell, a finished loop and a line continuation', () => {
    const script = 'cat <<EOF\nbody\nEOF\nexport A=a\n( cd /tmp )\nexport B=b\nfor i in 1; do :; done\nexport C=c\necho \\\n  x; export D=d';
    assert.deepEqual(exportStatements(script).map((s) => s.name), ['A', 'B', 'C', 'D']);
  });

  describe('promptEnv attribute, as the Runme VS Code extension reads it', () => {
    const modes: Array<[string | undefined, PromptEnvMode]> = [
      [undefined, 'auto'],
      ['', 'auto'],
      ['auto', 'auto'],
      ['AUTO', 'auto'],
      ['0', 'auto'],
      ['maybe', 'auto'],
      ['yes', 'always'],
      ['true', 'always'],
      ['Always', 'always'],
      ['1', 'always'],
      ['no', 'never'],
      ['false', 'never'],
      ['never', 'never'],
      [' no, ', 'never'],
      ['2', 'never'],
    ];
    for (const [value, want] of modes) it(`promptEnv=${JSON.stringify(value)} → ${want}`, () => assert.equal(promptEnvMode(value, false), want));
    it('front matter skipPrompts: true turns every cell to never, even promptEnv=yes', () => {
      assert.equal(promptEnvMode('yes', true), 'never');
      assert.equal(promptEnvMode(undefined, true), 'never');
    });
  });

  describe('secret names', () => {
    const secret = ['GITHUB_TOKEN', 'token', 'DB_PASSWORD', 'PGPASSWD', 'CLIENT_SECRET', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'APIKEY', 'SSH_PRIVATE_KEY', 'CREDENTIALS'];
    const plain = ['NAMESPACE', 'KUBECONTEXT', 'RELEASE_NAME', 'TICKET', 'REPLICAS', 'DEPLOYMENT', 'PASS', 'KEYSPACE'];
    for (const n of secret) it(`${n} is a secret`, () => assert.equal(isSecretName(n), true));
    for (const n of plain) it(`${n} is not a secret`, () => assert.equal(isSecretName(n), false));
  });
});
