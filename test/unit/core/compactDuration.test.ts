import * as assert from 'node:assert/strict';
import { compactDuration } from '../../../src/core/compactDuration';

describe('compactDuration', () => {
  it('writes whole seconds as Go and Runme do, leaving out zero units', () => {
    const cases: Array<[number, string]> = [[0, '0s'], [3, '3s'], [59.6, '1m'], [90, '1m30s'], [600, '10m'], [3600, '1h'], [3725, '1h2m5s'], [7260, '2h1m'], [-5, '0s']];
    for (const [seconds, text] of cases) assert.equal(compactDuration(seconds), text, `${seconds} s`);
  });
});
