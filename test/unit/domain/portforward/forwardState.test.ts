// The forward's state machine, table-driven: what each event does from each state, and what the row says.
import assert from 'node:assert/strict';
import { acceptsConnections, describeState, type ForwardEvent, type ForwardState, nextState } from '../../../../src/domain/portforward/forwardState';

const starting: ForwardState = { kind: 'starting' };
const active: ForwardState = { kind: 'active', pod: 'api-1' };
const reconnecting: ForwardState = { kind: 'reconnecting', lostPod: 'api-1', deployment: 'api', attempts: 0 };
const failed: ForwardState = { kind: 'failed', why: 'local port 8080 is in use' };
const stopped: ForwardState = { kind: 'stopped' };

describe('port-forward state machine', () => {
  const cases: [string, ForwardState, ForwardEvent, ForwardState][] = [
    ['starting + resolved → active', starting, { type: 'resolved', pod: 'api-1' }, active],
    ['active + pod gone with a deployment → reconnecting through it', active, { type: 'podGone', pod: 'api-1', deployment: 'api' }, reconnecting],
    ['active + pod gone, bare pod → failed (nothing to re-resolve through)', active, { type: 'podGone', pod: 'api-1' }, { kind: 'failed', why: 'pod api-1 is gone and no deployment owns it: start a new forward' }],
    ['reconnecting + pod gone again → unchanged (one re-resolution at a time)', reconnecting, { type: 'podGone', pod: 'api-1', deployment: 'api' }, reconnecting],
    ['reconnecting + resolve failed → counts the attempt and keeps the reason', reconnecting, { type: 'resolveFailed', error: 'it has no pods' }, { ...reconnecting, attempts: 1, lastError: 'it has no pods' }] as [string, ForwardState, ForwardEvent, ForwardState],
    ['reconnecting + resolved → active on the new pod', reconnecting, { type: 'resolved', pod: 'api-2' }, { kind: 'active', pod: 'api-2' }],
    ['active + resolve failed → unchanged (only a re-resolution counts attempts)', active, { type: 'resolveFailed', error: 'x' }, active],
    ['failed + resolved → stays failed', failed, { type: 'resolved', pod: 'api-2' }, failed],
    ['failed + pod gone → stays failed', failed, { type: 'podGone', pod: 'api-1', deployment: 'api' }, failed],
    ['stopped + resolved → stays stopped', stopped, { type: 'resolved', pod: 'api-2' }, stopped],
    ['stopped + fatal → stays stopped', stopped, { type: 'fatal', why: 'x' }, stopped],
    ['stopped + pod gone → stays stopped', stopped, { type: 'podGone', pod: 'api-1', deployment: 'api' }, stopped],
    ['active + fatal → failed with the reason', active, { type: 'fatal', why: 'the local listener failed' }, { kind: 'failed', why: 'the local listener failed' }],
    ['reconnecting + stop → stopped', reconnecting, { type: 'stop' }, stopped],
    ['failed + stop → stopped', failed, { type: 'stop' }, stopped],
  ];
  for (const [name, from, event, to] of cases) it(name, () => assert.deepEqual(nextState(from, event), to));

  it('only an active forward serves connections; starting and reconnecting hold them; failed and stopped refuse', () => {
    assert.deepEqual([starting, active, reconnecting, failed, stopped].map(acceptsConnections), ['wait', 'serve', 'wait', 'refuse', 'refuse']);
  });

  it('the row says what happens, naming the lost pod and the deployment it re-resolves through', () => {
    assert.equal(describeState(active), 'Active');
    assert.equal(describeState(starting), 'Starting');
    assert.equal(describeState(reconnecting), 'Reconnecting — pod api-1 gone, re-resolving through deployment api');
    assert.equal(describeState({ ...reconnecting, attempts: 2, lastError: 'none of its 2 pods are ready (1 running)' }), 'Reconnecting — pod api-1 gone, re-resolving through deployment api (attempt 3: none of its 2 pods are ready (1 running))');
    assert.equal(describeState(failed), 'Failed: local port 8080 is in use');
    assert.equal(describeState(stopped), 'Stopped');
  });
});
