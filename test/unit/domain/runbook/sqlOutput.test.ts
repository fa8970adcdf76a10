// How SQL results read: intervals in words, numbers right-aligned and text left (in the text table as psql prints it,
// and by column type in the renderer), and SQL cells in the cockpit's PostgreSQL language, not VS Code's "MS SQL".
import * as assert from 'node:assert/strict';
import { fenceLanguageOf, languageIdOf, sameLanguage } from '../../../../src/domain/runbook/cellLanguages';
import { textTable } from '../../../../src/domain/runbook/executors/sqlExecutor';
import { displayValue, intervalWords } from '../../../../src/domain/runbook/executors/sqlValues';
import { isNumericColumn, type SqlResultPayload } from '../../../../src/shared/runbookOutput';

describe('SQL output', () => {
  it('shows an interval in words, largest unit first, not as the parser\'s JSON', () => {
    assert.equal(displayValue({ days: 1, hours: 2, minutes: 30 }, 1186), '1 day 2 hours 30 minutes');
    assert.equal(intervalWords({ years: 1, months: 2, seconds: 4, milliseconds: 500 }), '1 year 2 months 4.5 seconds');
    assert.equal(intervalWords({ minutes: -5 }), 'minus 5 minutes');
    assert.equal(intervalWords({ minutes: -1, seconds: -30 }), 'minus 1 minute 30 seconds');
    assert.equal(intervalWords({ days: 1, hours: -1 }), '1 day -1 hour');
    assert.equal(intervalWords({ milliseconds: 250 }), '0.25 seconds');
    assert.equal(intervalWords({}), '0 seconds');
    assert.equal(intervalWords({ hours: 1, minutes: 1, seconds: 1 }), '1 hour 1 minute 1 second');
    // Other objects (json) stay JSON; the same object from another column type is not an interval.
    assert.equal(displayValue({ days: 1 }, 3802), '{"days":1}');
    assert.equal(displayValue({ days: 1 }), '{"days":1}');
  });

  it('aligns numbers right and text left in the text table, as psql does', () => {
    const p: SqlResultPayload = {
      kind: 'sql',
      statement: 'SELECT …',
      command: 'SELECT',
      rowCount: 2,
      columns: [{ name: 'name', type: 'text' }, { name: 'n', type: 'int8' }, { name: 'id', type: 'varchar' }],
      rows: [['api', '5', '7'], ['notification-service', '12345', '123']],
      omittedRows: 0,
      durationMs: 3,
    };
    assert.equal(
      textTable(p),
      ['name                 |     n | id ', '---------------------+-------+----', 'api                  |     5 | 7  ', 'notification-service | 12345 | 123', '(2 rows)', ''].join('\n'),
    );
  });

  it('a column is numeric by its type only: text holding digits stays left', () => {
    assert.deepEqual(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'money', 'oid', 'value', 'cardinal_number'].map((type) => isNumericColumn({ name: 'x', type })), Array(10).fill(true));
    assert.deepEqual(['text', 'varchar', 'label', 'name', 'int4[]', 'interval', 'timestamptz', 'uuid', 'json', 'bool', 'oid 99999', 'xint8', 'int8x'].map((type) => isNumericColumn({ name: 'x', type })), Array(13).fill(false));
    assert.equal(isNumericColumn(undefined), false);
  });

  it('SQL cells are in the PostgreSQL language, and the fence keeps what was written', () => {
    assert.deepEqual(['sql', 'SQL', 'postgresql', 'postgres', 'psql', 'pgsql'].map(languageIdOf), Array(6).fill('postgres'));
    assert.equal(fenceLanguageOf('postgres'), 'sql', 'a cell switched to PostgreSQL is written as ```sql');
    assert.ok(sameLanguage('psql', 'postgres'), 'a ```psql fence opened and saved stays ```psql');
    assert.ok(!sameLanguage('sh', 'postgres'));
  });
});
