// A chart's "Open query": cells built as data. The title is text, each query one promql cell, a range or step
// goes into the info string only when it reads as a duration.
import assert from 'node:assert/strict';
import { queryRunbookCells } from '../../../../src/domain/runbook/queryRunbook';
import { parseRunbook, serializeRunbook } from '../../../../src/domain/runbook/runbookDocument';

describe("a chart's queries as a runbook", () => {
  it('keeps each query one promql cell with its range and step', () => {
    const cells = queryRunbookCells('Error rate', [{ expr: 'sum(rate(x[5m]))', range: '6h', step: '60s' }]);
    assert.deepEqual(cells.map((c) => [c.kind, c.language, c.info, c.value]), [
      ['markdown', '', '', '# Error rate'],
      ['code', 'promql', 'promql {"name":"error-rate-1","range":"6h","step":"60s"}', 'sum(rate(x[5m]))'],
    ]);
  });

  it('a title, range or query from elsewhere cannot make a shell cell, also after a save', () => {
    const cells = queryRunbookCells('```sh\ntouch /tmp/x\n```', [{ expr: 'up\n```\n```sh\ntouch /tmp/y\n```', range: '1h`}\n```sh', step: '{"x":1}' }], 'note ```sh');
    assert.deepEqual(cells.map((c) => [c.kind, c.language]), [['markdown', ''], ['code', 'promql']]);
    assert.equal(cells[1]?.info, 'promql {"name":"sh-touch-tmp-x-1"}', 'neither the range nor the step read as durations');
    const back = parseRunbook(serializeRunbook({ frontMatter: '', eol: '\n', cells }));
    assert.deepEqual(back.cells.map((c) => [c.kind, c.language, c.value]), cells.map((c) => [c.kind, c.language, c.value]));
  });
});
