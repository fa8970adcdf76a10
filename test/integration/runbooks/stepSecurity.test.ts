// The guard and the bounds, as a step meets them against the sandbox: PostgreSQL refuses writes in read-only
// mode whatever the SQL looks like, rows are read only up to the cap, read-only mode refuses what it does not
// know, a step's reach goes to the gate, overflow output is capped and deleted with its session, cancel and the
// end of a step kill processes in sessions of their own, a timeout of 0 is an error.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '../../../sandbox/sandbox';
import type { SqlResultPayload } from '../../../src/shared/runbookOutput';
import { waitFor } from '../../shared/waitFor';
import { capture, runbookHarness, useSandbox } from './runbookHarness';

/** Pids of processes whose command line is exactly `cmd`. */
function pidsOf(cmd: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m && m[2].trim() === cmd)
    .map((m) => Number(m[1]));
}

describe('runbook steps: the guard and the bounds (sandbox)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;

  useSandbox({ timeScale: 0.2 }, (s) => (sandbox = s));

  it('in read-only mode PostgreSQL itself refuses a write hidden in a function a SELECT calls, and nothing changes', async () => {
    const setup = runbookHarness(sandbox);
    const ro = runbookHarness(sandbox, { gate: 'readOnly' });
    try {
      const made = await setup.run(
        "CREATE TABLE IF NOT EXISTS ro_probe (n int); CREATE OR REPLACE FUNCTION sneaky() RETURNS int LANGUAGE sql AS $$ INSERT INTO ro_probe VALUES (1) RETURNING n $$;",
        'sql',
      );
      assert.equal(made.result.outcome, 'succeeded', made.out.all());
      const hidden = await ro.run('SELECT sneaky();', 'sql');
      assert.equal(ro.gateRequests.at(-1)?.safety.kind, 'readOnly', 'the text looks like a read');
      assert.equal(hidden.result.outcome, 'failed');
      assert.match(hidden.out.stderr, /ERROR 25006: cannot execute INSERT in a read-only transaction/);
      const count = await setup.run('SELECT count(*) AS n FROM ro_probe;', 'sql');
      assert.deepEqual((count.out.items[0]?.payload as SqlResultPayload).rows, [['0']]);
      // A read still reads.
      const read = await ro.run('SELECT 40 + 2 AS answer;', 'sql');
      assert.equal(read.result.outcome, 'succeeded', read.out.all());
      assert.deepEqual((read.out.items[0]?.payload as SqlResultPayload).rows, [[42]]);
      // Ending the read-only transaction from the cell is refused before it reaches the server.
      const escape = await ro.run('COMMIT; INSERT INTO ro_probe VALUES (2);', 'sql');
      assert.equal(escape.result.outcome, 'blocked');
    } finally {
      await setup.run('DROP FUNCTION IF EXISTS sneaky(); DROP TABLE IF EXISTS ro_probe;', 'sql');
      setup.session.dispose();
      ro.session.dispose();
    }
  });

  it('reads rows through a cursor that stops at the cap: ten million rows cost a thousand', async () => {
    const h = runbookHarness(sandbox);
    try {
      const r = await h.run('SELECT n, repeat(\'x\', 100) AS pad FROM generate_series(1, 10000000) AS n;', 'sql');
      assert.equal(r.result.outcome, 'succeeded', r.out.all());
      const p = r.out.items[0]?.payload as SqlResultPayload;
      assert.equal(p.rows.length, 1000);
      assert.equal(p.truncated, true);
      assert.equal(p.rowCount, null, 'the total is not known: the rest was never fetched');
      assert.equal(p.command, 'SELECT');
      assert.match(r.out.items[0]?.fallback ?? '', /the first 1000 rows; more were not fetched: the row cap is 1000/);
      const small = await h.run('SELECT generate_series(1, 3) AS n;', 'sql');
      const sp = small.out.items[0]?.payload as SqlResultPayload;
      assert.deepEqual([sp.rows.length, sp.rowCount, sp.truncated], [3, 3, undefined]);
    } finally {
      h.session.dispose();
    }
  });

  it('read-only mode refuses a step it does not know to only read, saying how to vouch for it; a vouched command runs', async () => {
    const h = runbookHarness(sandbox, { gate: 'readOnly' });
    const vouched = runbookHarness(sandbox, { gate: 'readOnly', knownReadOnly: ['uname'] });
    try {
      const marker = join(mkdtempSync(join(tmpdir(), 'ro-')), 'changed');
      // The reproduction: the verb on the next line used to slip past the patterns.
      const split = await h.run(`kubectl \\\n  delete pod does-not-exist; touch ${marker}`);
      assert.equal(split.result.outcome, 'blocked');
      assert.match(split.out.stderr, /this step changes things \(kubectl delete\)/);
      const unknown = await h.run(`nsenter --version; touch ${marker}`);
      assert.equal(unknown.result.outcome, 'blocked');
      assert.match(unknown.out.stderr, /not known to only read \(nsenter is not known to be read-only\)\. If a command only reads, add it/);
      assert.equal(existsSync(marker), false);
      const ok = await vouched.run('kubectl get ns -o name | head -1; uname -s');
      assert.equal(ok.result.outcome, 'succeeded', ok.out.all());
    } finally {
      h.session.dispose();
      vouched.session.dispose();
    }
  });

  it('hands the gate every context a step reaches and what makes its target unknowable', async () => {
    const h = runbookHarness(sandbox, { gate: 'readOnly' });
    try {
      await h.run('kubectl --context phoenix-prod scale deployment/platform-api --replicas=7 -n phoenix-system');
      await h.run('KUBECONFIG=/tmp/elsewhere kubectl rollout restart deployment/platform-api');
      const [a, b] = h.gateRequests;
      assert.deepEqual(a?.safety.reach, { contexts: ['phoenix-prod'], unknown: [] });
      assert.deepEqual(b?.safety.reach.unknown, ['KUBECONFIG is set in the step']);
      // An earlier step that exported its own KUBECONFIG makes every later change's target unknowable.
      const free = runbookHarness(sandbox);
      try {
        await free.run('export KUBECONFIG=/tmp/elsewhere');
        await free.run('kubectl --request-timeout=1s annotate ns default x=y || true');
        assert.deepEqual(free.gateRequests.at(-1)?.safety.reach.unknown, ['an earlier step exported its own KUBECONFIG']);
      } finally {
        free.session.dispose();
      }
    } finally {
      h.session.dispose();
    }
  });

  it('caps the overflow file (the rest dropped and counted) and deletes it with its session', async () => {
    const spillDir = join(mkdtempSync(join(tmpdir(), 'spill-root-')), 'session');
    const h = runbookHarness(sandbox, { spillDir, outputFileLimitBytes: 2 * 1024 * 1024 });
    try {
      const r = await h.run('head -c 8000000 /dev/zero | tr "\\0" "x"');
      assert.equal(r.result.outcome, 'succeeded');
      assert.equal(r.out.stdout.length, 1024 * 1024);
      const m = /the next (\d+) bytes are in (\S+\.log) \(deleted when this runbook is closed\); (\d+) bytes past phoenixOps\.runbooks\.outputFileLimitMB were dropped/.exec(r.out.stderr);
      assert.ok(m, r.out.stderr);
      assert.equal(Number(m[1]), 2 * 1024 * 1024);
      assert.equal(Number(m[3]), 8_000_000 - 3 * 1024 * 1024);
      await waitFor('the overflow file to be flushed', () => statSync(m[2]).size === 2 * 1024 * 1024);
      assert.ok(m[2].startsWith(spillDir));
    } finally {
      h.session.dispose();
    }
    assert.equal(existsSync(spillDir), false, 'the session’s overflow files go with it');
  });

  it('cancel ends every process the step started, those in sessions of their own too; so does the end of a step', async () => {
    const h = runbookHarness(sandbox);
    try {
      const ac = new AbortController();
      const run = h.session.runStep({ runbook: 't', index: 0, text: 'setsid sleep 1001 &\n(setsid bash -c "sleep 1002" &)\nsleep 1003', language: 'sh', info: 'sh' }, ac.signal, capture());
      await waitFor('the three sleeps to start', () => [1001, 1002, 1003].every((n) => pidsOf(`sleep ${n}`).length > 0));
      ac.abort();
      assert.equal((await run).outcome, 'cancelled');
      await waitFor('no sleep left', () => [1001, 1002, 1003].every((n) => pidsOf(`sleep ${n}`).length === 0), 5000);
      // A step that ends while a daemon of its own still runs takes it along.
      const done = await h.run('setsid sleep 1004 &\necho started');
      assert.equal(done.result.outcome, 'succeeded');
      await waitFor('the daemonised sleep to end with its step', () => pidsOf('sleep 1004').length === 0, 5000);
    } finally {
      h.session.dispose();
      for (const n of [1001, 1002, 1003, 1004]) for (const pid of pidsOf(`sleep ${n}`)) process.kill(pid, 'SIGKILL');
    }
  });

  it('refuses a timeout of 0, a negative one or one past the timer limit instead of timing out at once', async () => {
    const h = runbookHarness(sandbox);
    try {
      for (const t of ['0', '0s', '30d']) {
        const r = await h.run('echo should-not-run', 'sh', `sh { timeout=${t} }`);
        assert.equal(r.result.outcome, 'refused', t);
        assert.match(r.out.stderr, new RegExp(`timeout=${t} must be (longer than 0|at most 24 days)`));
        assert.doesNotMatch(r.out.stdout, /should-not-run/);
      }
      const fine = await h.run('echo ran', 'sh', 'sh { timeout=24d }');
      assert.equal(fine.result.outcome, 'succeeded', fine.out.all());
    } finally {
      h.session.dispose();
    }
  });
});
