// Generated cell names must be the ones Runme shows, or runbooks that refer to "echo-hello-2" point at the wrong cell.
import assert from 'node:assert/strict';
import { cellNames, firstCommand, sanitizeName } from '../../../../src/domain/runbook/cellNames';

const code = (value: string, info = 'sh') => ({ kind: 'code' as const, info, value });
const prose = { kind: 'markdown' as const, info: '', value: '# Title' };

describe('Runme cell names', () => {
  const sanitized: Array<[string, string]> = [
    ['echo hello', 'echo-hello'],
    ['echo "Hello World!"', 'echo-hello'],
    ['kubectl get pods -n phoenix-system', 'kubectl-get'],
    ['export FOO=bar', 'export-foo'],
    ['FOO=bar ./run.sh', 'foo'],
    ['ls', 'ls'],
    ['npm run build', 'npm-run'],
    ['Echo_Hello', 'echohello'],
    // Go's strings.Split keeps empty words: leading or double spaces give what Runme gives.
    ['  echo hi', ''],
    ['=x y', 'x-y'],
    ['a-very-long-command-name-that-goes-on-and-on arg', 'averylongcommandnamethatgo'],
    ['kubectl  get', 'kubectl-'],
    ['', ''],
    ['ünïcode wörd', 'ncode-wrd'],
  ];
  for (const [line, want] of sanitized) it(`names ${JSON.stringify(line)} ${JSON.stringify(want)}`, () => assert.equal(sanitizeName(line), want));

  it('takes the first line that is not blank or a comment, $ prompts off', () => {
    assert.deepEqual(
      ['# list\nls -la', '$ kubectl get pods', '\n\necho one\necho two', 'echo hi # greet', '# only a comment', '$$ echo x', ''].map(firstCommand),
      ['ls -la', ' kubectl get pods'.trim(), 'echo one', 'echo hi', '# only a comment', ' echo x'.trimStart(), ''],
    );
  });

  it('counts every name in document order: repeats get -2, -3; a name attribute is kept and counted too', () => {
    const names = cellNames([prose, code('echo hello'), code('echo hello'), code('ls', 'sh { name=echo-hello }'), code('echo hello'), prose, code('ls', 'sh {"name":"list"}'), code('echo   hello', 'bash')]);
    assert.deepEqual(names, [
      undefined,
      { name: 'echo-hello', generated: true },
      { name: 'echo-hello-2', generated: true },
      { name: 'echo-hello-3', generated: false },
      { name: 'echo-hello-4', generated: true },
      undefined,
      { name: 'list', generated: false },
      { name: 'echo-', generated: true },
    ]);
  });

  it('an empty name attribute does not count as a name', () => {
    assert.deepEqual(cellNames([code('echo hello', 'sh { name= }'), code('echo hello', 'sh {"name":""}')]), [
      { name: 'echo-hello', generated: true },
      { name: 'echo-hello-2', generated: true },
    ]);
  });
});
