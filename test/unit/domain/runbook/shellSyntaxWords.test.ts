// The shell reader under the step classifier (shellSyntax.ts), word by word: what a word's value is after quotes
// and escapes, which expansions ($var, ${…}, $(…), `…`, $((…)), globs, braces) make it known only when the shell
// runs, which commands hide inside those expansions, and what the reader reports it could not follow, so the step
// is never called read-only on a guess. Most cases came from mutation testing (TESTING.md, "Scores per module").
import assert from 'node:assert/strict';
import { parseShell, type Word } from '../../../../src/domain/runbook/safety/shellSyntax';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

const lit = (text: string): Word => ({ text, dynamic: false });
const dyn = (text: string, head = ''): Word => ({ text, dynamic: true, head });
/** Plain words of a command, each as literal. */
const cmd = (...words: string[]): Word[] => words.map(lit);

/** The words of every command the reader found, in reading order, and what it did not follow. */
const read = (text: string, vars?: Record<string, string>) => {
  const s = parseShell(text, vars ? { vars } : {});
  return { commands: s.commands.map((c) => c.words), unsupported: s.unsupported };
};
/** Each step reads as exactly these commands, with nothing reported as not followed. */
const reads = (cases: Record<string, Word[][]>, vars?: Record<string, string>) => {
  for (const [text, commands] of Object.entries(cases)) assert.deepEqual(read(text, vars), { commands, unsupported: [] }, text);
};
const verdict = (text: string) => {
  const s = classifyStep('shell', text);
  return `${s.kind}${s.reasons.length ? `: ${s.reasons.join(', ')}` : ''}`;
};

const NESTING = 'nesting deeper than the classifier follows';
/** `echo $(echo $(… core …))`: core read n substitutions deep. */
const substituted = (n: number, core: string): string => (n === 0 ? core : `echo $(${substituted(n - 1, core)})`);
/** `$((1+$((1+…))))`, n levels. */
const arithmetic = (n: number): string => (n === 0 ? '1' : `$((1+${arithmetic(n - 1)}))`);
/** `${x:-${x:-…}}`, n levels. */
const defaulted = (n: number): string => (n === 0 ? 'd' : `\${x:-${defaulted(n - 1)}}`);

describe('shell syntax: words, quotes and escapes', () => {
  it('an unquoted backslash keeps the next character; before a newline it joins the lines, even mid-word', () => {
    reads({
      'echo a\\ b': [cmd('echo', 'a b')],
      'echo \\$HOME \\*': [cmd('echo', '$HOME', '*')],
      'kube\\\nctl get pods': [cmd('kubectl', 'get', 'pods')],
      'kubectl get po\\\nds': [cmd('kubectl', 'get', 'pods')],
    });
  });

  it('a backslash at the very end of the step is kept, as bash keeps it', () => {
    reads({ 'echo C:\\': [cmd('echo', 'C:\\')], 'echo a \\': [cmd('echo', 'a', '\\')] });
  });

  it('single quotes keep everything literal; an unterminated one is reported and the step is not read-only', () => {
    reads({ "echo 'it''s' '$(rm -rf /tmp/x)'": [cmd('echo', 'its', '$(rm -rf /tmp/x)')] });
    assert.deepEqual(read("echo 'abc"), { commands: [cmd('echo', 'abc')], unsupported: ['an unterminated quote'] });
    assert.equal(verdict("echo 'abc"), 'mutating: an unterminated quote (the classifier does not follow it)');
  });

  it('inside double quotes a backslash escapes only $ ` " \\ and a newline; before anything else it stays', () => {
    reads({
      'echo "a\\$b \\`c\\` \\"d\\" e\\\\f g\\h"': [cmd('echo', 'a$b `c` "d" e\\f g\\h')],
      'echo "one\\\ntwo"': [cmd('echo', 'onetwo')],
      'echo "price: 5 $ each" "5$" next': [cmd('echo', 'price: 5 $ each', '5$', 'next')],
      'echo "$\'x\'"': [cmd('echo', "$'x'")],
    });
    assert.deepEqual(read('echo "abc'), { commands: [cmd('echo', 'abc')], unsupported: ['an unterminated quote'] });
  });

  it("$'…' is its text when it has no escape; with one, bash decodes it, so its value is not known", () => {
    reads({
      "echo x$'abc'y z": [cmd('echo', 'xabcy', 'z')],
      "echo $'it\\'s' done": [[lit('echo'), dyn("it\\'s"), lit('done')]],
      "echo a$'\\x64elete'": [[lit('echo'), dyn('a\\x64elete', 'a')]],
      'echo $"hello world"': [cmd('echo', 'hello world')],
    });
    assert.deepEqual(read("echo $'abc"), { commands: [cmd('echo', 'abc')], unsupported: ['an unterminated quote'] });
    assert.deepEqual(read("echo $'ab\\"), { commands: [[lit('echo'), dyn('ab\\')]], unsupported: ['an unterminated quote'] });
  });

  it('a dollar sign that starts no expansion is itself', () => {
    reads({ 'echo $ $% a$+b 5$': [cmd('echo', '$', '$%', 'a$+b', '5$')] });
  });

  it('special parameters ($1, $@, $?, $$ …) are known only when the shell runs', () => {
    reads({
      'echo $0 $1 $@ $* $# $? $$ $! $-': [[lit('echo'), ...Array.from({ length: 9 }, () => dyn(''))]],
      'echo a$1b': [[lit('echo'), dyn('ab', 'a')]],
    });
  });

  it('a known variable reads as its value inside quotes or a heredoc, unknown when unquoted with blanks', () => {
    reads({ 'echo "$NS" ${NS} $NS': [[lit('echo'), lit('a b'), dyn('a b'), dyn('a b')]] }, { NS: 'a b' });
  });
});

describe('shell syntax: globs and braces', () => {
  it('*, ? and a closed [ ] make a word a glob, known only when the shell runs; the head is the text before it', () => {
    reads({
      'ls *.log app-?.log [ab].log x[0-9]': [[lit('ls'), dyn('*.log'), dyn('app-?.log', 'app-'), dyn('[ab].log'), dyn('x[0-9]', 'x')]],
      '[ -f x ]': [cmd('[', '-f', 'x', ']')],
      'echo v1.2] a]': [cmd('echo', 'v1.2]', 'a]')],
    });
  });

  it('a brace with a comma or a .. range expands; other braces, dots and commas are literal', () => {
    reads({
      'echo {a,b}.txt {1..3} x{1..3}': [[lit('echo'), dyn('{a,b}.txt', '{a'), dyn('{1..3}', '{1'), dyn('x{1..3}', 'x{1')]],
      'kubectl get pods,svc,deploy': [cmd('kubectl', 'get', 'pods,svc,deploy')],
      'echo {a.b} {a}.txt v1..2 {x}': [cmd('echo', '{a.b}', '{a}.txt', 'v1..2', '{x}')],
    });
  });
});

describe('shell syntax: expansions and the commands inside them', () => {
  it('$(…), `…`, $((…)) and ${…} leave the rest of the word in place; the commands inside are read first', () => {
    reads({
      'echo a$(date)b': [cmd('date'), [lit('echo'), dyn('ab', 'a')]],
      'echo a`date`b': [cmd('date'), [lit('echo'), dyn('ab', 'a')]],
      'echo "a`date`b"': [cmd('date'), [lit('echo'), dyn('ab', 'a')]],
      'echo a$((1+2))b': [[lit('echo'), dyn('ab', 'a')]],
      'echo a${#x}b ${NS:-default}x': [[lit('echo'), dyn('ab', 'a'), dyn('x')]],
      'echo "cost: $n(USD)"': [[lit('echo'), dyn('cost: (USD)', 'cost: ')]],
    });
  });

  it('${…} ends at its own }: escaped, quoted and nested braces inside do not close it', () => {
    reads({
      'echo ${x:-\\}}y': [[lit('echo'), dyn('y')]],
      "echo ${x:-'}'}y": [[lit('echo'), dyn('y')]],
      'echo ${x:-"}"}y': [[lit('echo'), dyn('y')]],
      'echo ${x:-{a}}b': [[lit('echo'), dyn('b')]],
    });
    assert.deepEqual(read('echo ${x:-abc'), { commands: [[lit('echo'), dyn('')]], unsupported: ['an unclosed "${"'] });
    assert.deepEqual(read("echo ${x:-'abc} $(rm -rf /tmp/x)"), { commands: [[lit('echo'), dyn('')]], unsupported: ['an unclosed "${"'] });
  });

  it('a command in a default value or in arithmetic runs, and the classifier sees it', () => {
    reads({
      'echo ${x:-`date`} ${y:-$(id -u)}': [cmd('date'), cmd('id', '-u'), [lit('echo'), dyn(''), dyn('')]],
      'echo $(( `id -u` + 1 ))': [cmd('id', '-u'), [lit('echo'), dyn('')]],
      'echo ${x:-"$(hostname)"}': [cmd('hostname'), [lit('echo'), dyn('')]],
    });
    assert.equal(verdict('echo ${x:-`rm -rf /tmp/x`}'), 'destructive: rm -rf');
    assert.equal(verdict('echo $(( `rm -rf /tmp/x` + 1 ))'), 'destructive: rm -rf');
    // In arithmetic $'…' is not a quote: bash runs what it holds.
    assert.equal(verdict("echo $(( $'$(rm -rf /tmp/x)' ))"), 'destructive: rm -rf');
  });

  it('$((…)) ends at the )) that closes it, counting parentheses inside; an unclosed one is reported', () => {
    reads({ 'echo $(( (1+2)*3 ))x': [[lit('echo'), dyn('x')]] });
    assert.deepEqual(read('echo $(( 1 + 2'), { commands: [[lit('echo'), dyn('')]], unsupported: ['an unclosed "(("'] });
    assert.equal(verdict('echo $(( 1 + 2'), 'mutating: an unclosed "((" (the classifier does not follow it)');
  });

  it('inside backticks \\` \\\\ and \\$ are unescaped before the command is read; other backslashes stay', () => {
    reads({
      'echo `echo \\`date\\``': [cmd('date'), [lit('echo'), dyn('')], [lit('echo'), dyn('')]],
      'echo `echo \\$HOME a\\\\b`': [[lit('echo'), dyn(''), lit('ab')], [lit('echo'), dyn('')]],
      'echo `echo C:\\\\\\\\` x': [cmd('echo', 'C:\\'), [lit('echo'), dyn(''), lit('x')]],
      "echo `echo 'a\\b'`": [cmd('echo', 'a\\b'), [lit('echo'), dyn('')]],
    });
    assert.equal(verdict('echo `echo \\`rm -rf /tmp/x\\``'), 'destructive: rm -rf');
  });

  it('an unterminated backtick is reported, and what it holds is still read', () => {
    assert.deepEqual(read('echo `ls x'), { commands: [cmd('ls', 'x'), [lit('echo'), dyn('')]], unsupported: ['an unterminated backtick'] });
    assert.equal(verdict('echo `ls x'), 'mutating: an unterminated backtick (the classifier does not follow it)');
  });
});

describe('shell syntax: heredoc bodies', () => {
  it('an unquoted heredoc body runs its substitutions, but not escaped ones nor $\'…\'', () => {
    const escaped = parseShell("cat <<EOF\n\\$(rm -rf /tmp/x) \\`rm -rf /tmp/y\\` $'a\\x41' $\"b\"\nEOF").commands;
    assert.deepEqual(escaped.map((c) => c.words), [cmd('cat')]);
    assert.deepEqual(escaped[0]?.stdin, { text: "\\$(rm -rf /tmp/x) \\`rm -rf /tmp/y\\` $'a\\x41' $\"b\"", dynamic: false });
    const ticks = parseShell('cat <<EOF\nhost: `hostname`\nEOF').commands;
    assert.deepEqual(ticks.map((c) => c.words), [cmd('cat'), cmd('hostname')]);
    assert.deepEqual(ticks[0]?.stdin, { text: 'host: `hostname`', dynamic: true });
    assert.equal(verdict('cat <<EOF\n`rm -rf /tmp/x`\nEOF'), 'destructive: rm -rf');
    assert.equal(verdict('cat <<EOF\n\\`rm -rf /tmp/x\\`\nEOF'), 'readOnly');
  });

  it('a body with a variable is known only when it holds no unknown one; a known value is not split there', () => {
    const stdin = (text: string, vars?: Record<string, string>) => parseShell(text, vars ? { vars } : {}).commands[0]?.stdin;
    assert.deepEqual(stdin('cat <<EOF\nhello $USER, ok\nEOF'), { text: 'hello $USER, ok', dynamic: true });
    assert.deepEqual(stdin('cat <<EOF\nns=$NS\nEOF', { NS: 'a b' }), { text: 'ns=$NS', dynamic: false });
  });
});

describe('shell syntax: nesting limits', () => {
  it('64 levels of $( ), $(( )) or ${ } are read; one more is reported and the rest is not read', () => {
    const deepest = read(substituted(64, 'id'));
    assert.deepEqual([deepest.commands.length, deepest.commands[0], deepest.unsupported], [65, cmd('id'), []]);
    assert.deepEqual(read(substituted(65, 'id')).unsupported, [NESTING, 'an unclosed "("']);
    assert.deepEqual(read(`echo ${arithmetic(64)}`), { commands: [[lit('echo'), dyn('')]], unsupported: [] });
    assert.deepEqual(read(`echo ${arithmetic(65)}`).unsupported, [NESTING, 'an unclosed "(("']);
    assert.deepEqual(read(`echo ${defaulted(64)}`), { commands: [[lit('echo'), dyn('')]], unsupported: [] });
    assert.deepEqual(read(`echo ${defaulted(65)}`).unsupported, [NESTING, 'an unclosed "${"']);
    assert.equal(verdict(substituted(65, 'rm -rf /tmp/x')), `mutating: ${NESTING} (the classifier does not follow it), an unclosed "(" (the classifier does not follow it)`);
  });

  it('a backtick counts one level, like $( )', () => {
    const inner = read(substituted(63, 'echo `id`'));
    assert.deepEqual([inner.commands[0], inner.unsupported], [cmd('id'), []]);
    assert.deepEqual(read(substituted(64, 'echo `id`')).unsupported, [NESTING]);
    assert.deepEqual(read(substituted(63, 'echo `echo $(id)`')).unsupported, [NESTING]);
  });
});
