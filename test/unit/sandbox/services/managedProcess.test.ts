// Unit tests of the launchers' process handling with plain shell commands: the start-failure message, timeouts, and stopping a whole process group.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from '../../../../sandbox/services/managedProcess';
import { freePort, ServiceStartError, waitUntilReady } from '../../../../sandbox/services/readiness';
import { waitFor } from '../../../shared/waitFor';

/** Alive and not a zombie (in a container nobody may reap an orphan, but a zombie holds nothing). */
function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('managed service processes', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'phoenix-proc-test-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fails fast with the exit code and last output lines when the service dies before it is ready', async () => {
    const logFile = join(dir, 'svc.log');
    const proc = ManagedProcess.start({ name: 'Fake', command: 'sh', args: ['-c', 'echo starting; echo "bind: address already in use" >&2; exit 3'], logFile });
    const err = await waitUntilReady(proc, () => Promise.resolve(false), { timeoutMs: 5000, logFile }).then(
      () => assert.fail('should not be ready'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ServiceStartError);
    assert.match(err.message, /^Fake exited with code 3 before it was ready\./);
    assert.match(err.message, /Last output of Fake:\n {2}starting\n {2}bind: address already in use/);
    assert.ok(err.message.endsWith(`Full log: ${logFile}`));
    await proc.stop();
    assert.match(readFileSync(logFile, 'utf8'), /address already in use/);
  });

  it('names a binary that cannot be spawned', async () => {
    const proc = ManagedProcess.start({ name: 'Missing', command: join(dir, 'no-such-binary'), args: [] });
    await assert.rejects(waitUntilReady(proc, () => Promise.resolve(true), { timeoutMs: 1000 }), /Missing could not be started \(spawn .*ENOENT\)/);
  });

  it('times out with the last check error', async () => {
    const proc = ManagedProcess.start({ name: 'Slow', command: 'sleep', args: ['30'] });
    try {
      await assert.rejects(
        waitUntilReady(proc, () => Promise.reject(new Error('connection refused')), { timeoutMs: 200, intervalMs: 20 }),
        /Slow was not ready after 200 ms \(last check: connection refused\)/,
      );
    } finally {
      await proc.stop();
    }
  });

  it('stops the whole process group, including children that ignore SIGTERM', async () => {
    const pidFile = join(dir, 'child.pid');
    // The child traps TERM, so only the SIGKILL after the grace period ends it.
    const proc = ManagedProcess.start({ name: 'Tree', command: 'sh', args: ['-c', `sh -c 'trap "" TERM; echo $$ > ${pidFile}; while :; do sleep 0.05; done' & wait`] });
    const child = await waitFor('the child to write its pid', () => Number(readFileSync(pidFile, 'utf8')));
    assert.ok(isAlive(child));
    await proc.stop('SIGTERM', 300);
    assert.equal(proc.running, false);
    // The group's SIGKILL is sent; the kernel takes a moment to end and reap it. Alive past the deadline = it outlived stop().
    await waitFor('the grandchild to be gone after stop()', () => !isAlive(child));
  });

  it('hands out distinct free loopback ports', async () => {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    for (const p of ports) assert.ok(p > 1024 && p < 65536);
  });
});
