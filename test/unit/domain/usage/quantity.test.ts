// Quantities parse as the API server writes them, and print as kubectl top prints them (CPU rounded up to a
// millicore, memory rounded down to a MiB), so the cockpit's figures can equal kubectl's.
import assert from 'node:assert/strict';
import { formatCpu, formatMemory, parseQuantity, toMebibytes, toMillicores } from '../../../../src/domain/usage/quantity';

describe('usage quantities', () => {
  it('parses decimal, binary, nano and exponent forms', () => {
    const cases: Array<[unknown, number]> = [
      ['250m', 0.25], ['1', 1], ['3860m', 3.86], ['123456789n', 0.123456789], ['1500u', 0.0015], ['2k', 2000],
      ['512Mi', 512 * 2 ** 20], ['1Gi', 2 ** 30], ['16393220Ki', 16393220 * 1024], ['1e3', 1000], ['0.5', 0.5], [7, 7],
    ];
    for (const [q, want] of cases) assert.ok(Math.abs((parseQuantity(q) ?? NaN) - want) < 1e-12, `${String(q)} → ${parseQuantity(q)}`);
  });

  it('refuses what is not a quantity', () => {
    for (const q of ['', 'abc', '12Qi', '1.2.3', 'Mi', '--1', '1 Gi', null, undefined, {}, NaN, Infinity, '1mm']) assert.equal(parseQuantity(q), undefined, JSON.stringify(q) ?? 'undefined');
  });

  it('rounds like kubectl top: CPU up to a millicore, memory down to a MiB', () => {
    assert.equal(toMillicores(0.2500001), 251);
    assert.equal(toMillicores(0.25), 250);
    assert.equal(toMillicores(0.1 + 0.2), 300); // float noise does not add a millicore
    assert.equal(toMillicores(0), 0);
    assert.equal(toMebibytes(146 * 2 ** 20 + 2 ** 20 - 1), 146);
    assert.equal(toMebibytes(2 ** 20 - 1), 0);
  });

  it('formats for a row: millicores below a core, cores above; MiB below a GiB, GiB above', () => {
    assert.equal(formatCpu(0.12), '120m');
    assert.equal(formatCpu(1.25), '1.25');
    assert.equal(formatCpu(4), '4');
    assert.equal(formatMemory(256 * 2 ** 20), '256Mi');
    assert.equal(formatMemory(1.5 * 2 ** 30), '1.5Gi');
    assert.equal(formatMemory(2 ** 30), '1Gi');
  });
});
