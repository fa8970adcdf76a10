// How Runme runs cells, as the cockpit mirrors it: which cells run with what, prompts, ignored cells, interpreters.
import assert from 'node:assert/strict';
import { ignoredCell, parseFenceInfo } from '../../../../src/domain/runbook/cellAttributes';
import { executorKindOf, interpretersOf, isShellLanguage } from '../../../../src/domain/runbook/cellLanguages';
import { findProgram, programOf } from '../../../../src/domain/runbook/executors/interpreterExecutor';
import { shellScript, stripPrompts } from '../../../../src/domain/runbook/executors/shellExecutor';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

describe('Runme cell running', () => {
  it('runs a block without a language as shell, and interpreter languages through interpreters', () => {
    assert.deepEqual(['', 'sh', 'BASH', 'python', 'py', 'js', 'ts', 'ruby', 'rb', 'perl', 'ksh'].map(executorKindOf), ['shell', 'shell', 'shell', 'interpreter', 'interpreter', 'interpreter', 'interpreter', 'interpreter', 'interpreter', 'interpreter', 'interpreter']);
    assert.deepEqual(['mermaid', 'text', 'json', 'yaml', 'markdown', 'diff', 'go'].map(executorKindOf), [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    assert.deepEqual(interpretersOf('python')?.programs, ['python3', 'python']);
    assert.deepEqual(interpretersOf('ts')?.programs, ['ts-node', 'deno run', 'bun run']);
    assert.equal(interpretersOf('sh'), undefined);
  });

  it('drops "$" prompts in shell cells as Runme does, keeping output lines and $VARIABLE lines', () => {
    assert.equal(stripPrompts('$ echo a\n$   echo b\n$\noutput line\n$HOME/bin/x\n  $ indented'), 'echo a\necho b\n\noutput line\n$HOME/bin/x\n  $ indented');
    assert.equal(shellScript('sh', '$ echo hi'), 'echo hi');
    assert.equal(shellScript('', '$ echo hi'), 'echo hi');
    assert.equal(shellScript('zsh', '$ echo hi'), 'echo hi');
    // console keeps its own reading (output lines dropped); other languages are not shell.
    assert.equal(shellScript('console', '$ echo hi\nhi'), 'echo hi');
    assert.deepEqual(['sh', 'bash', 'zsh', 'ksh', 'shell', 'shellscript', ''].map(isShellLanguage), [true, true, true, true, true, true, true]);
    assert.deepEqual(['console', 'python', 'sql', 'powershell'].map(isShellLanguage), [false, false, false, false]);
  });

  it('judges what runs: a prompt-stripped destructive command is still destructive', () => {
    assert.equal(classifyStep('shell', shellScript('sh', '$ kubectl delete pod x')).kind, 'destructive');
    // An interpreter's program is never known to only read.
    assert.notEqual(classifyStep('interpreter', 'print("hi")').kind, 'readOnly');
  });

  it('shows mermaid, ignore=true and transform=false cells without running them, as Runme', () => {
    const ignored = (info: string) => {
      const { language, attributes } = parseFenceInfo(info);
      return ignoredCell(language, attributes);
    };
    assert.deepEqual(['mermaid', 'sh { ignore=true }', 'sh { transform=false }', 'python { ignore=1 }', 'mermaid { transform=f }'].map(ignored), [true, true, true, true, true]);
    assert.deepEqual(['sh', '', 'mermaid { ignore=false }', 'mermaid { transform=true }', 'sh { ignore=yes }', 'sh { ignore }', 'sh { transform=true ignore=true }', 'Mermaid'].map(ignored), [false, false, false, false, false, false, false, false]);
  });

  it('reads interpreter= as Runme: the first word is the program, the rest its arguments', () => {
    assert.deepEqual(programOf('deno run'), { program: 'deno', args: ['run'] });
    assert.deepEqual(programOf('python3 -u  -X dev'), { program: 'python3', args: ['-u', '-X', 'dev'] });
    assert.deepEqual(programOf('node'), { program: 'node', args: [] });
  });

  it('finds a program on PATH (absolute directories only) or by its path', () => {
    assert.equal(findProgram('node', `/nonexistent:${process.execPath.replace(/\/node$/, '')}`), process.execPath);
    assert.equal(findProgram(process.execPath, ''), process.execPath);
    assert.equal(findProgram('node', 'relative/bin:'), undefined);
    assert.equal(findProgram('no-such-program-xyz', process.env.PATH ?? ''), undefined);
    assert.equal(findProgram('/no/such/program', ''), undefined);
  });
});
