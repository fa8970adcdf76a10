// Runbook steps against the sandbox: the shell session's carry-over and kubectl on the cockpit's selection,
// SQL with bind parameters and PostgreSQL's errors, PromQL, HTTP, placeholders, gates and cancellation.
import assert from 'node:assert/strict';
import type { Sandbox } from '../../../sandbox/sandbox';
import { RUNBOOK_MIME, type HttpResultPayload, type PromqlResultPayload, type SqlResultPayload } from '../../../src/shared/runbookOutput';
import { capture, runbookHarness, useSandbox } from './runbookHarness';

describe('runbook steps against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;

  useSandbox({ timeScale: 0.2 }, (s) => (sandbox = s));

  it('carries exported variables, plain assignments and the directory from step to step', async () => {
    const h = runbookHarness(sandbox);
    try {
      assert.equal((await h.run('export A=1\nB=two\nmkdir -p sub && cd sub', 'sh', 'sh { promptEnv=no }')).result.outcome, 'succeeded');
      const { result, out } = await h.run('echo "$A $B $(basename "$(pwd)")"; unset A');
      assert.equal(result.outcome, 'succeeded', out.all());
      assert.equal(out.stdout, '1 two sub\n');
      assert.equal((await h.run('echo "[${A:-gone}]"')).out.stdout, '[gone]\n');
      const failed = await h.run('echo before >&2; exit 7');
      assert.deepEqual([failed.result.outcome, failed.result.exitCode, failed.out.stderr], ['failed', 7, 'before\n']);
    } finally {
      h.session.dispose();
    }
  });

  it('points kubectl at the selected context and namespace without touching the kubeconfig, and gives the service variables', async () => {
    const h = runbookHarness(sandbox);
    try {
      h.selection.namespace = 'phase-5';
      let r = await h.run('kubectl config current-context; kubectl get deployments -o name');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      assert.match(r.out.stdout, /^phoenix-dev\ndeployment\.apps\/backend$/m);
      h.selection.context = 'phoenix-prod';
      h.selection.namespace = 'phoenix-system';
      r = await h.run('kubectl config current-context; kubectl get deployment platform-api -o jsonpath="{.spec.replicas}"; echo');
      assert.match(r.out.stdout, /^phoenix-prod\n6$/m, r.out.all());
      r = await h.run('echo "$PGHOST:$PGPORT/$PGDATABASE $DB_HOST $DB_USER ${PGPASSWORD:+password-set}"; psql -Atc "select 40+2"; echo "$PROMETHEUS_URL"');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      const pg = sandbox.info.postgres;
      assert.equal(r.out.stdout, `${pg?.host}:${pg?.port}/${pg?.database} ${pg?.host} ${pg?.user} password-set\n42\n${sandbox.info.prometheusUrl}\n`);
      // The password reaches each step's process, never the session's kept environment.
      assert.equal(h.session.shell.environment.PGPASSWORD, undefined);
    } finally {
      h.session.dispose();
    }
  });

  it('asks placeholders once, passes them as variables (never as shell text) and as SQL bind parameters', async () => {
    const h = runbookHarness(sandbox, { answers: { POD_NAME: "x'; echo INJECTED; '", SERVICE: 'platform-api' } });
    try {
      let r = await h.run("echo <pod-name>; echo '<pod-name>'; echo \"<pod-name>\"");
      assert.equal(r.out.stdout, "x'; echo INJECTED; '\n".repeat(3), r.out.all());
      r = await h.run('SELECT <pod-name> AS a, \'<pod-name>\' AS b, $$<keep>$$ AS c', 'sql');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      const t = r.out.items[0].payload as SqlResultPayload;
      assert.deepEqual(t.rows[0], ["x'; echo INJECTED; '", "x'; echo INJECTED; '", '<keep>']);
      assert.equal(h.asked.length, 1, 'asked once, remembered after');
      assert.deepEqual(h.session.resetParameters(), ['POD_NAME']);
      await h.run('echo <pod-name>');
      assert.equal(h.asked.length, 2);
      const none = runbookHarness(sandbox);
      const declined = await none.run('echo $NOT_SET_ANYWHERE');
      assert.equal(declined.result.outcome, 'declined');
      assert.match(declined.out.stderr, /No value was given for \$NOT_SET_ANYWHERE/);
      none.session.dispose();
    } finally {
      h.session.dispose();
    }
  });

  it('runs several SQL statements, shows types and counts, and reports PostgreSQL errors with position', async () => {
    const h = runbookHarness(sandbox);
    try {
      const ok = await h.run('CREATE TEMP TABLE t (id int, note text); INSERT INTO t VALUES (1, \'a;b\'), (2, NULL); SELECT * FROM t ORDER BY id;', 'sql');
      assert.equal(ok.result.outcome, 'succeeded', ok.out.all());
      const tables = ok.out.items.map((i) => i.payload as SqlResultPayload);
      assert.deepEqual(tables.map((t) => [t.command, t.rowCount]), [['CREATE', null], ['INSERT', 2], ['SELECT', 2]]);
      assert.deepEqual(tables[2].columns, [{ name: 'id', type: 'int4' }, { name: 'note', type: 'text' }]);
      assert.deepEqual(tables[2].rows, [[1, 'a;b'], [2, null]]);
      // Real PostgreSQL's interval reads in words (node-postgres parses it into an object).
      const since = await h.run("SELECT interval '1 day 02:30:00' AS age, now() - now() AS none, interval '-90 seconds' AS back;", 'sql');
      assert.deepEqual((since.out.items[0]?.payload as SqlResultPayload).rows, [['1 day 2 hours 30 minutes', '0 seconds', 'minus 1 minute 30 seconds']]);
      const bad = await h.run('SELECT 1;\nSELECT nope FROM pg_class;', 'sql');
      assert.equal(bad.result.outcome, 'failed');
      assert.match(bad.out.stderr, /ERROR 42703: column "nope" does not exist\nLINE 1: SELECT nope FROM pg_class\n {15}\^/);
      const slow = await h.run('SELECT pg_sleep(5)', 'sql', 'sql { timeout=1s }');
      assert.equal(slow.result.outcome, 'timedOut', slow.out.all());
    } finally {
      h.session.dispose();
    }
  });

  it('runs PromQL instant and range queries and shows Prometheus’ own parse error', async () => {
    const h = runbookHarness(sandbox);
    try {
      // Prometheus' first scrape comes a few seconds after it starts.
      let instant = await h.run('up', 'promql');
      for (let i = 0; i < 60 && !(instant.out.items[0]?.payload as PromqlResultPayload | undefined)?.series.length; i++) {
        await new Promise((r) => setTimeout(r, 500));
        instant = await h.run('up', 'promql');
      }
      assert.equal(instant.result.outcome, 'succeeded', instant.out.all());
      const p = instant.out.items[0];
      assert.equal(p.mime, RUNBOOK_MIME.promql);
      assert.ok((p.payload as PromqlResultPayload).series.length > 0);
      const range = await h.run('sum(up)', 'promql', 'promql {"range":"2m","step":"10s"}');
      const rp = range.out.items[0].payload as PromqlResultPayload;
      assert.equal(rp.resultType, 'matrix');
      assert.equal(rp.range?.stepSeconds, 10);
      const bad = await h.run('sum(rate(up[5m]) by', 'promql');
      assert.equal(bad.result.outcome, 'failed');
      assert.match(bad.out.stderr, /Prometheus rejected the query: .*parse error/);
    } finally {
      h.session.dispose();
    }
  });

  it('sends HTTP requests with {{VAR}} from the session and shows status, headers and a pretty JSON body', async () => {
    const h = runbookHarness(sandbox, { answers: { STATUS: 'firing' } });
    try {
      await h.run('export AM=$ALERTMANAGER_URL');
      const r = await h.run('GET {{AM}}/api/v2/status\nAccept: application/json\n', 'http');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      const p = r.out.items[0].payload as HttpResultPayload;
      assert.equal(p.status, 200);
      assert.equal(p.bodyKind, 'json');
      assert.match(p.body, /^\{\n {2}"cluster"/);
      const missing = await h.run('GET {{AM}}/api/v2/nothing-here', 'http');
      assert.equal(missing.result.outcome, 'failed');
      assert.equal((missing.out.items[0].payload as HttpResultPayload).status, 404);
      const refused = await h.run('GET http://127.0.0.1:9/x', 'http');
      assert.match(refused.out.stderr, /failed: ECONNREFUSED/);
    } finally {
      h.session.dispose();
    }
  });

  it('sends destructive and changing steps through the gate; read-only blocks them; a wrong context is refused', async () => {
    const h = runbookHarness(sandbox, { gate: 'readOnly' });
    try {
      const del = await h.run('kubectl delete pod does-not-exist');
      assert.equal(del.result.outcome, 'blocked');
      assert.deepEqual(h.gateRequests.map((g) => [g.safety.kind, g.safety.reasons]), [['destructive', ['kubectl delete']]]);
      const wrong = await h.run('kubectl get pods', 'sh', 'sh { context=phoenix-prod }');
      assert.equal(wrong.result.outcome, 'refused');
      assert.match(wrong.out.stderr, /runs only on context phoenix-prod; the cockpit's selected context is phoenix-dev/);
    } finally {
      h.session.dispose();
    }
  });

  it('cancels a step with children promptly and keeps output past the cap in a file', async () => {
    const h = runbookHarness(sandbox);
    try {
      const ac = new AbortController();
      const out = capture();
      const started = Date.now();
      setTimeout(() => ac.abort(), 300);
      const r = await h.session.runStep({ runbook: 't', index: 0, text: 'sleep 120 & sleep 121; wait', language: 'sh', info: 'sh' }, ac.signal, out);
      assert.equal(r.outcome, 'cancelled');
      // Promptly: the bound only tells "stopped" from "ran its 120 s" (speed is measured in bench/).
      assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
      const big = await h.run('head -c 3000000 /dev/zero | tr "\\0" "x"');
      assert.equal(big.result.outcome, 'succeeded');
      assert.equal(big.out.stdout.length, 1024 * 1024);
      assert.match(big.out.stderr, /the next 1951424 bytes are in \S+\.log \(deleted when this runbook is closed\)/);
    } finally {
      h.session.dispose();
    }
  });

  it('a shell step fails when any command in it fails: the failing line stops it, named with its status; later lines do not run', async () => {
    const h = runbookHarness(sandbox);
    try {
      const middle = await h.run('echo one\nls /no/such/dir\necho three');
      assert.deepEqual([middle.result.outcome, middle.result.exitCode], ['failed', 2]);
      assert.equal(middle.out.stdout, 'one\n', 'the line after the failure did not run');
      assert.match(middle.result.message ?? '', /^line 2 \(`ls \/no\/such\/dir`\), which exited with status 2$/);
      assert.match(middle.out.stderr, /✗ Stopped at line 2 \(`ls \/no\/such\/dir`\)[^]*add allowFailure=true to the fence/);
      // A pipeline fails when any part of it does (pipefail), not only its last command.
      const pipe = await h.run('kubectl get deployment no-such-deployment -o name | cat\necho after');
      assert.equal(pipe.result.outcome, 'failed');
      assert.match(pipe.result.message ?? '', /^line 1 \(`kubectl get deployment no-such-deployment -o name \| cat`\), which exited with status 1$/);
      assert.doesNotMatch(pipe.out.stdout, /after/);
      // A reader that stops early (head) kills its writer with SIGPIPE: that pipeline did what was asked (`yes` is
      // always killed so); a failing writer still fails it.
      const early = await h.run('yes | head -1\nkubectl get ns -o name | head -1\necho after');
      assert.deepEqual([early.result.outcome, early.out.stdout.trim().split('\n').at(-1)], ['succeeded', 'after'], early.out.all());
      const failingWriter = await h.run('false | head -1\necho after');
      assert.equal(failingWriter.result.outcome, 'failed');
      assert.doesNotMatch(failingWriter.out.stdout, /after/);
      // A step's own `set +e` lets the next failures through, as in bash; `set -e` stops at them again.
      const own = await h.run('set +e\nfalse\necho tolerated\nset -e\nfalse\necho not-reached');
      assert.deepEqual([own.result.outcome, own.out.stdout], ['failed', 'tolerated\n']);
      // Failures the step handles itself are not failures.
      const handled = await h.run('grep -q zzz /etc/hostname || echo "not there"\nif false; then echo no; fi\necho done');
      assert.deepEqual([handled.result.outcome, handled.out.stdout], ['succeeded', 'not there\ndone\n']);
    } finally {
      h.session.dispose();
    }
  });

  it('allowFailure=true runs every line, reports the last status, and says Run All goes on', async () => {
    const h = runbookHarness(sandbox);
    try {
      const r = await h.run('echo one\nfalse\necho three\nexit 4', 'sh', 'sh { allowFailure=true }');
      assert.deepEqual([r.result.outcome, r.result.exitCode, r.result.allowFailure], ['failed', 4, true]);
      assert.equal(r.out.stdout, 'one\nthree\n', 'every line ran');
      assert.match(r.out.stderr, /✗ exit status 4 \(allowed: allowFailure=true; Run All goes on\)/);
      const ok = await h.run('false\ntrue', 'sh', 'sh { allowFailure=true }');
      assert.equal(ok.result.outcome, 'succeeded');
    } finally {
      h.session.dispose();
    }
  });

  it('a shell step that passes its timeout is stopped with its whole process tree, and says so', async () => {
    const h = runbookHarness(sandbox);
    try {
      const marker = `phoenix-timeout-${process.pid}-${Date.now()}`;
      const r = await h.run(`echo started\nbash -c 'exec -a ${marker} sleep 60' & sleep 60`, 'sh', 'sh { timeout=1s }');
      assert.equal(r.result.outcome, 'timedOut');
      assert.equal(r.out.stdout, 'started\n');
      assert.match(r.out.stderr, /The step timed out after 1 s/);
      const { execFileSync } = await import('node:child_process');
      const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(marker));
      assert.deepEqual(left, [], 'nothing the step started is left running');
    } finally {
      h.session.dispose();
    }
  });

  it('a block without a closing fence is run only when the user confirms it', async () => {
    const no = runbookHarness(sandbox);
    const yes = runbookHarness(sandbox, { runUnclosed: true });
    try {
      const text = 'echo from the block\n\nThen check the dashboard';
      const refused = await no.run(text, 'sh', 'sh', { unclosed: true });
      assert.equal(refused.result.outcome, 'declined');
      assert.equal(refused.out.stdout, '', 'nothing ran');
      assert.match(refused.out.stderr, /no closing fence/);
      assert.equal(no.unclosedAsked.length, 1);
      const ran = await yes.run(text, 'sh', 'sh', { unclosed: true });
      // Confirmed, it runs — and the prose in it fails as a command, which errexit reports.
      assert.equal(ran.result.outcome, 'failed');
      assert.equal(ran.out.stdout, 'from the block\n');
      assert.match(ran.result.message ?? '', /^line 3 \(`Then check the dashboard`\), which exited with status 127$/);
    } finally {
      no.session.dispose();
      yes.session.dispose();
    }
  });
});
