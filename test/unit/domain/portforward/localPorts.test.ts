// Choosing the local port: the remote port itself when unprivileged and free, the next free one otherwise; typed
// ports checked (more bad inputs than good).
import assert from 'node:assert/strict';
import { candidatePorts, localPortError, proposeLocalPort } from '../../../../src/domain/portforward/localPorts';

const first = (remote: number, n: number) => {
  const out: number[] = [];
  for (const p of candidatePorts(remote)) {
    out.push(p);
    if (out.length === n) break;
  }
  return out;
};

describe('local port choice', () => {
  it('proposes the remote port itself when it is free and unprivileged', async () => {
    assert.equal(await proposeLocalPort(8080, () => Promise.resolve(true)), 8080);
  });
  it('skips taken ports and those this window already forwards', async () => {
    const taken = new Set([8080, 8081]);
    assert.equal(await proposeLocalPort(8080, (p) => Promise.resolve(!taken.has(p)), new Set([8082])), 8083);
  });
  it('never proposes a privileged port: remote 80 → 10080 first', () => {
    assert.deepEqual(first(80, 3), [10080, 10081, 10082]);
    assert.ok(first(443, 200).every((p) => p >= 1024));
  });
  it('never proposes a port above 65535', () => {
    assert.ok(first(65535, 200).every((p) => p <= 65535));
    assert.equal(first(65535, 1)[0], 65535);
  });
  it('undefined when every candidate is taken', async () => {
    assert.equal(await proposeLocalPort(8080, () => Promise.resolve(false)), undefined);
  });
  const bad: [string, RegExp][] = [
    ['', /port number/],
    ['abc', /port number/],
    ['80a', /port number/],
    ['-1', /port number/],
    ['8080.5', /port number/],
    ['0', /below 1024/],
    ['80', /below 1024/],
    ['1023', /below 1024/],
    ['65536', /at most 65535/],
    ['99999999', /at most 65535/],
  ];
  for (const [text, why] of bad) it(`refuses "${text}"`, () => assert.match(localPortError(text) ?? '', why));
  for (const ok of ['1024', '8080', ' 18080 ', '65535']) it(`accepts "${ok}"`, () => assert.equal(localPortError(ok), undefined));
});
