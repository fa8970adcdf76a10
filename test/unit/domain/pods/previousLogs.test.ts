// Previous Logs: the container that crashed is offered first, its log is shown under how it ended, and "no previous
// container" is said in words with the API server's own message.
import assert from 'node:assert/strict';
import type { V1Pod } from '@kubernetes/client-node';
import { isNoPreviousContainer, previousLogChoices, previousLogText } from '../../../../src/domain/pods/previousLogs';

const pod: V1Pod = {
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'sidecar' }, { name: 'api' }, { name: 'proxy' }] },
  status: {
    containerStatuses: [
      { name: 'sidecar', image: '', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
      { name: 'api', image: '', imageID: '', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date('2026-12-03T18:20:00Z') } } },
      { name: 'proxy', image: '', imageID: '', ready: true, restartCount: 2, state: { running: {} } },
    ],
  },
};

describe('previous logs', () => {
  it('offers the container that terminated first, then by restarts, then spec order', () => {
    const c = previousLogChoices(pod);
    assert.deepEqual(c.map((x) => x.name), ['api', 'proxy', 'sidecar']);
    assert.equal(c[0]?.lastEnd, 'Error, exit code 1 at Thu, 03 Dec 2026 18:20:00 +0000');
    assert.equal(c[1]?.lastEnd, undefined);
  });

  it('recognises the API server\'s "no previous container" answer and nothing else', () => {
    assert.ok(isNoPreviousContainer('previous terminated container "api" in pod "p" not found'));
    for (const other of ['container "api" in pod "p" is waiting to start: ContainerCreating', 'pods "p" not found', 'Unauthorized', '']) assert.ok(!isNoPreviousContainer(other), other);
  });

  const base = { context: 'phoenix-dev', namespace: 'ns', pod: 'p', container: 'api' };
  it('shows the log under how the instance ended', () => {
    const t = previousLogText({ ...base, choice: previousLogChoices(pod)[0], log: { text: 'starting\npanic: boom', truncated: false } }, new Date('2026-12-03T18:30:00Z'));
    assert.match(t, /^# Previous logs of pod\/p container api in ns \(phoenix-dev\), read 2026-12-03T18:30:00\.000Z — kubectl logs p -c api --previous\n# It ended: Error, exit code 1 at .*; 5 restarts so far\.\n\nstarting\npanic: boom\n$/);
  });

  it('says there is no previous container, with the server\'s words, instead of an empty document', () => {
    const t = previousLogText({ ...base, container: 'sidecar', log: { error: 'previous terminated container "sidecar" in pod "p" not found' } }, new Date());
    assert.match(t, /There is no previous container: sidecar has not terminated and restarted/);
    assert.match(t, /The API server said: previous terminated container "sidecar" in pod "p" not found/);
  });

  it('names any other failure, an empty log, and a cut one', () => {
    assert.match(previousLogText({ ...base, log: { error: 'Unauthorized', hint: 'Check your token.' } }, new Date()), /Could not read the previous logs: Unauthorized\nCheck your token\./);
    assert.match(previousLogText({ ...base, log: { text: '', truncated: false } }, new Date()), /\(the previous container wrote nothing\)/);
    assert.match(previousLogText({ ...base, log: { text: 'x', truncated: true } }, new Date()), /cut at the size limit/);
  });
});
