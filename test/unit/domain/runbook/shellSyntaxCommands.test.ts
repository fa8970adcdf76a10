// The shell reader under the step classifier (shellSyntax.ts), at the level of commands: how a step is split into
// simple commands, what is a command's name, its assignments, redirects and heredoc bodies, and which constructs it
// reports as not followed (the classifier then calls the step unknown, never read-only). Most cases came from
// mutation testing (TESTING.md, "Scores per module").
import assert from 'node:assert/strict';
import { parseShell, type SimpleCommand, type Word } from '../../../../src/domain/runbook/safety/shellSyntax';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

/** A word whose text is known. */
const w = (text: string): Word => ({ text, dynamic: false });
/** A word known only when the shell runs, with the literal text before its first expansion. */
const d = (text: string, head = ''): Word => ({ text, dynamic: true, head });
/** A simple command of plain words, with whatever else it has. */
const cmd = (words: Array<string | Word>, more: Partial<SimpleCommand> = {}): SimpleCommand => ({
  assignments: [],
  words: words.map((x) => (typeof x === 'string' ? w(x) : x)),
  redirects: [],
  stdinUnknown: false,
  ...more,
});
const parse = (text: string, vars?: Record<string, string>) => parseShell(text, vars ? { vars } : {});
const verdict = (t: string) => {
  const s = classifyStep('shell', t);
  return `${s.kind}${s.reasons.length ? `: ${s.reasons.join(', ')}` : ''}`;
};
/** `open` n times, `inner`, then `close` n times. */
const nest = (open: string, inner: string, close: string, n: number) => open.repeat(n) + inner + close.repeat(n);

const NOT_FOLLOWED = 'nesting deeper than the classifier follows';

describe('shell reader: commands', () => {
  describe('splitting a step into commands', () => {
    it('each operator ends a command; only the right side of | and |& reads the previous output', () => {
      const cases: Record<string, boolean> = {
        'ls; cat f': false,
        'ls\ncat f': false,
        'ls && cat f': false,
        'ls || cat f': false,
        'ls & cat f': false,
        'ls | cat f': true,
        'ls |& cat f': true,
      };
      for (const [text, piped] of Object.entries(cases)) {
        assert.deepEqual(parse(text), { commands: [cmd(['ls']), cmd(['cat', 'f'], { stdinUnknown: piped })], unsupported: [] }, text);
      }
    });

    it('operators need no blanks around them', () => {
      assert.deepEqual(parse('sleep 1&wait').commands, [cmd(['sleep', '1']), cmd(['wait'])]);
      assert.deepEqual(parse('ls|&cat').commands, [cmd(['ls']), cmd(['cat'], { stdinUnknown: true })]);
      assert.deepEqual(parse('ls||cat').commands, [cmd(['ls']), cmd(['cat'])]);
    });

    it('"&&" is one operator even before ">": `a &&> f` is `a && > f`, not `a &>f`', () => {
      assert.deepEqual(parse('true &&> /tmp/x').commands, [cmd(['true']), cmd([], { redirects: [{ op: '>', target: w('/tmp/x') }] })]);
    });

    it('"&>" sends both outputs to a file: it is a redirect, not a background "&"', () => {
      assert.deepEqual(parse('make &> build.log').commands, [cmd(['make'], { redirects: [{ op: '&>', target: w('build.log') }] })]);
    });

    it('a comment runs to the end of its line only; a backslash-newline joins lines', () => {
      assert.deepEqual(parse('ls # not rm\nrm -rf /data').commands, [cmd(['ls']), cmd(['rm', '-rf', '/data'])]);
      assert.deepEqual(parse('ls # the last line').commands, [cmd(['ls'])]);
      assert.deepEqual(parse('kubectl get \\\n  pods').commands, [cmd(['kubectl', 'get', 'pods'])]);
      assert.equal(verdict('ls # not rm\nrm -rf /data'), 'destructive: rm -rf');
    });

    it('a backslash before a command name is quoting, not a line continuation: \\rm is rm', () => {
      assert.deepEqual(parse('\\rm -rf /data').commands, [cmd(['rm', '-rf', '/data'])]);
      assert.equal(verdict('\\rm -rf /data'), 'destructive: rm -rf');
    });

    it('an escaped ";" ends find -exec, and the ";" after it is a separator, not the ";;" of a case', () => {
      assert.deepEqual(parse('find . -exec ls {} \\;; echo done'), {
        commands: [cmd(['find', '.', '-exec', 'ls', '{}', ';']), cmd(['echo', 'done'])],
        unsupported: [],
      });
    });

    it('";;" belongs to a case statement, which the reader does not follow', () => {
      assert.deepEqual(parse('a;; b'), { commands: [cmd(['a']), cmd(['b'])], unsupported: ['a case statement'] });
    });

    it('a ")" with nothing open is reported once, and the text after it is still read', () => {
      assert.deepEqual(parse('ls ) rm -rf /data )'), { commands: [cmd(['ls', 'rm', '-rf', '/data'])], unsupported: ['an unbalanced ")"'] });
      assert.equal(verdict('ls ) rm -rf /data )'), 'mutating: an unbalanced ")" (the classifier does not follow it)');
    });
  });

  describe('subshells, substitutions and arithmetic', () => {
    it('a subshell\'s commands are read; "(" after a command name is a function definition, not followed', () => {
      assert.deepEqual(parse('(cd /tmp; ls)'), { commands: [cmd(['cd', '/tmp']), cmd(['ls'])], unsupported: [] });
      assert.deepEqual(parse('cleanup() rm -rf /data'), { commands: [cmd(['cleanup', 'rm', '-rf', '/data'])], unsupported: ['a function definition', 'an unbalanced ")"'] });
    });

    it('"((" at a command\'s start is arithmetic, not two subshells', () => {
      assert.deepEqual(parse('((i++)); ls'), { commands: [cmd(['ls'])], unsupported: [] });
    });

    it('a process substitution is a word whose value is only known at run time; its commands are read', () => {
      assert.deepEqual(parse('diff <(ls a) >(gzip)'), {
        commands: [cmd(['ls', 'a']), cmd(['gzip']), cmd(['diff', { text: '<(…)', dynamic: true }, { text: '>(…)', dynamic: true }])],
        unsupported: [],
      });
      assert.deepEqual(parse('cat <(ls').unsupported, ['an unclosed "("']);
      assert.deepEqual(parse('echo $(ls').unsupported, ['an unclosed "("']);
    });

    it('text after NAME=value( is read as commands, not swallowed as an array', () => {
      assert.deepEqual(parse('A=x(rm -rf /data)').commands, [
        cmd(['rm', '-rf', '/data']),
        cmd([], { assignments: [{ name: 'A', value: w('x') }] }),
      ]);
    });
  });

  describe('nesting deeper than the reader follows', () => {
    // 64 levels are read; the 65th is reported and the rest of the step is not read (it is unknown).
    const cases: Array<[string, string, string, string]> = [
      ['subshells', '( ', 'ls', ')'],
      ['command substitutions', 'echo $(', 'ls', ')'],
      ['process substitutions', 'cat <(', 'ls', ')'],
    ];
    for (const [what, open, inner, close] of cases) {
      it(`${what}: 64 levels are read, 65 are not followed`, () => {
        assert.deepEqual(parse(nest(open, inner, close, 64)).unsupported, [], 'at the limit');
        const deep = parse(nest(open, inner, close, 65));
        assert.deepEqual(deep.unsupported, [NOT_FOLLOWED, 'an unclosed "("']);
        assert.equal(deep.commands.some((c) => c.words[0]?.text === 'ls'), false, 'the innermost command is not read');
      });
    }

    it('arithmetic: "((" counts one level, and each $(( inside one more', () => {
      assert.deepEqual(parse(`((${nest('$((', '1', '))', 63)}))`), { commands: [], unsupported: [] });
      assert.deepEqual(parse(`((${nest('$((', '1', '))', 64)}))`), { commands: [], unsupported: [NOT_FOLLOWED, 'an unclosed "(("'] });
    });

    it('past the limit, a construct that would open another level adds nothing more to the report', () => {
      assert.deepEqual(parse(nest('( ', '((1))', ')', 64)), { commands: [], unsupported: [NOT_FOLLOWED, 'an unclosed "("'] });
      assert.deepEqual(parse(nest('( ', 'echo ${X:-a}', ')', 64)), { commands: [cmd(['echo', d('')])], unsupported: [NOT_FOLLOWED, 'an unclosed "("'] });
    });

    it('the classifier calls such a step unknown, whatever it holds', () => {
      assert.equal(verdict(nest('( ', 'ls', ')', 65)), `mutating: ${NOT_FOLLOWED} (the classifier does not follow it), an unclosed "(" (the classifier does not follow it)`);
    });
  });

  describe('what is a command name', () => {
    it('keywords of if/while are stepped over; case, function, coproc and select are not followed', () => {
      assert.deepEqual(parse('if true; then ls; fi'), { commands: [cmd(['true']), cmd(['ls'])], unsupported: [] });
      assert.deepEqual(parse('case $x in a) rm -rf /data;; esac').unsupported, ['a case statement', 'an unbalanced ")"']);
    });

    it('a quoted keyword, or one with an expansion in it, is a command name, not a keyword', () => {
      const cases: Record<string, SimpleCommand> = {
        '"case" x': cmd(['case', 'x']),
        "'case' x": cmd(['case', 'x']),
        '"if" x': cmd(['if', 'x']),
        "'fi' x": cmd(['fi', 'x']),
        'case$1 x': cmd([d('case', 'case'), 'x']),
        'if$1 x': cmd([d('if', 'if'), 'x']),
      };
      for (const [text, want] of Object.entries(cases)) assert.deepEqual(parse(text), { commands: [want], unsupported: [] }, text);
    });
  });

  describe('[[ … ]] tests', () => {
    it('inside [[ … ]], && || < > ( ) are words of the test; after "]]" they are the shell\'s again', () => {
      assert.deepEqual(parse('[[ ( -n a ) && ( b < c || d > e ) ]] && rm x'), {
        commands: [cmd(['[[', '(', '-n', 'a', ')', '&&', '(', 'b', '<', 'c', '||', 'd', '>', 'e', ')', ']]']), cmd(['rm', 'x'])],
        unsupported: [],
      });
      assert.equal(verdict('[[ -f x ]] && rm -rf /data'), 'destructive: rm -rf');
    });

    it('a lone | or & in a test is a word of its own, as is each operator character of an extglob', () => {
      assert.deepEqual(parse('[[ x == a|(b) ]] | cat &').commands, [
        cmd(['[[', 'x', '==', 'a', '|', '(', 'b', ')', ']]']),
        cmd(['cat'], { stdinUnknown: true }),
      ]);
      assert.deepEqual(parse('[[ a & b ]]').commands, [cmd(['[[', 'a', '&', 'b', ']]'])]);
    });

    it('"]]" as an argument of a command that is not [[ does not end anything', () => {
      assert.deepEqual(parse('echo ]] && ls').commands, [cmd(['echo', ']]']), cmd(['ls'])]);
    });
  });

  describe('assignments', () => {
    it('NAME=value words before the command name are assignments; a word that does not start with a name is the command', () => {
      const cases: Record<string, SimpleCommand[]> = {
        'A=1 B+=2 ls': [cmd(['ls'], { assignments: [{ name: 'A', value: w('1') }, { name: 'B', value: w('2') }] })],
        'A= ls': [cmd(['ls'], { assignments: [{ name: 'A', value: w('') }] })],
        '1A=2 ls': [cmd(['1A=2', 'ls'])],
        './a=b ls': [cmd(['./a=b', 'ls'])],
        'arr[10]=x ls': [cmd(['ls'], { assignments: [{ name: 'arr', value: { text: 'x', dynamic: true } }] })],
        'arr[1]=x': [cmd([], { assignments: [{ name: 'arr', value: { text: 'x', dynamic: true } }] })],
      };
      for (const [text, want] of Object.entries(cases)) assert.deepEqual(parse(text), { commands: want, unsupported: [] }, text);
    });

    it('an array NAME=(…) is one assignment of unknown value; the substitutions in it run, the words after it are the command', () => {
      assert.deepEqual(parse('A=(a $(rm -rf /data) "b c")   ls -l'), {
        commands: [cmd(['rm', '-rf', '/data']), cmd(['ls', '-l'], { assignments: [{ name: 'A', value: { text: '', dynamic: true } }] })],
        unsupported: [],
      });
      assert.deepEqual(parse('A=() ls').commands, [cmd(['ls'], { assignments: [{ name: 'A', value: { text: '', dynamic: true } }] })]);
      assert.deepEqual(parse('A=(x) rm -rf /data').commands, [cmd(['rm', '-rf', '/data'], { assignments: [{ name: 'A', value: { text: '', dynamic: true } }] })]);
    });

    it('an array that is never closed takes the rest of the step, substitutions still read', () => {
      assert.deepEqual(parse('A=(a $(rm -rf /data)').commands, [cmd(['rm', '-rf', '/data']), cmd([], { assignments: [{ name: 'A', value: { text: '', dynamic: true } }] })]);
    });
  });

  describe('redirects', () => {
    it('a redirect takes the next word as its target, blanks between them or not', () => {
      assert.deepEqual(parse('ls >  out 2>&1 >>log').commands, [
        cmd(['ls'], { redirects: [{ op: '>', target: w('out') }, { op: '>&', target: w('1') }, { op: '>>', target: w('log') }] }),
      ]);
    });

    it('stdin is unknown when read from a file (< or <>), known from a here-string, untouched by output redirects', () => {
      const cases: Record<string, SimpleCommand> = {
        'psql < q.sql': cmd(['psql'], { redirects: [{ op: '<', target: w('q.sql') }], stdinUnknown: true }),
        'psql <> q.sql': cmd(['psql'], { redirects: [{ op: '<>', target: w('q.sql') }], stdinUnknown: true }),
        'psql > q.out': cmd(['psql'], { redirects: [{ op: '>', target: w('q.out') }] }),
        'psql 2>&1': cmd(['psql'], { redirects: [{ op: '>&', target: w('1') }] }),
        "psql <<< 'SELECT 1'": cmd(['psql'], { redirects: [{ op: '<<<', target: w('SELECT 1') }], stdin: w('SELECT 1') }),
      };
      for (const [text, want] of Object.entries(cases)) assert.deepEqual(parse(text).commands, [want], text);
    });
  });

  describe('heredocs', () => {
    it('the body is the lines up to the delimiter, joined by newlines; the command after it is read', () => {
      assert.deepEqual(parse('psql <<EOF\nSELECT 1;\nSELECT 2;\nEOF\nls'), {
        commands: [cmd(['psql'], { redirects: [{ op: '<<', target: w('EOF') }], stdin: w('SELECT 1;\nSELECT 2;') }), cmd(['ls'])],
        unsupported: [],
      });
    });

    it('a body never closed runs to the end of the step', () => {
      assert.deepEqual(parse('psql <<EOF\nDROP TABLE t;').commands, [cmd(['psql'], { redirects: [{ op: '<<', target: w('EOF') }], stdin: w('DROP TABLE t;') })]);
      assert.equal(verdict('psql <<EOF\nDROP TABLE t;'), 'destructive: DROP');
    });

    it('<<- strips leading tabs of the body and of the delimiter line, and nothing else; << strips none', () => {
      assert.deepEqual(parse('cat <<-EOF\n\t\tkey:\tvalue\nEOF\t\n\t\tEOF\nls').commands, [
        cmd(['cat'], { redirects: [{ op: '<<-', target: w('EOF') }], stdin: w('key:\tvalue\nEOF\t') }),
        cmd(['ls']),
      ]);
      assert.deepEqual(parse('cat <<EOF\n\tkey\n\tEOF\nEOF\nls').commands, [
        cmd(['cat'], { redirects: [{ op: '<<', target: w('EOF') }], stdin: w('\tkey\n\tEOF') }),
        cmd(['ls']),
      ]);
    });

    it('an unquoted delimiter expands the body (its substitutions run); a quoted one anywhere in the step does not change that', () => {
      assert.deepEqual(parse('echo "hi"; cat <<EOF\n$(rm -rf /data)\nEOF').commands, [
        cmd(['echo', 'hi']),
        cmd(['cat'], { redirects: [{ op: '<<', target: w('EOF') }], stdin: { text: '$(rm -rf /data)', dynamic: true } }),
        cmd(['rm', '-rf', '/data']),
      ]);
      assert.deepEqual(parse("cat <<'EOF'\n$(rm -rf /data)\nEOF").commands, [
        cmd(['cat'], { redirects: [{ op: '<<', target: w('EOF') }], stdin: w('$(rm -rf /data)') }),
      ]);
    });

    it('the delimiter is the word as written, its quotes removed and nothing expanded, as bash reads it', () => {
      // Each body ends where bash ends it (checked with bash 5): the command after it is read and judged.
      const ends: Record<string, string> = {
        'cat <<$X\nbody\n$X\nrm -rf /data': '$X',
        'cat <<"$X"\nbody\n$X\nrm -rf /data': '$X',
        'cat <<"a\\$b"\nbody\na$b\nrm -rf /data': 'a$b',
        'cat <<E"O"F\nbody\nEOF\nrm -rf /data': 'EOF',
        "cat <<'E'OF\nbody\nEOF\nrm -rf /data": 'EOF',
        'cat <<\\EOF\nbody\nEOF\nrm -rf /data': 'EOF',
        'cat <<E\\OF\nbody\nEOF\nrm -rf /data': 'EOF',
        'cat <<$(echo E)\nbody\n$(echo E)\nrm -rf /data': '$(echo E)',
        "cat <<'a\\$b'\nbody\na\\$b\nrm -rf /data": 'a\\$b',
        'cat <<"a\\b"\nbody\na\\b\nrm -rf /data': 'a\\b',
        'cat <<E\\\\F\nbody\nE\\F\nrm -rf /data': 'E\\F',
        "cat <<a\\'b\nbody\na'b\nrm -rf /data": "a'b",
        'cat <<"a\'b"\nbody\na\'b\nrm -rf /data': "a'b",
      };
      for (const [text, delimiter] of Object.entries(ends)) {
        const r = parse(text, { X: 'unrelated' });
        assert.equal(r.commands.find((c) => c.words[0]?.text === 'cat')?.stdin?.text, 'body', `${text}: the body is one line`);
        assert.deepEqual(r.commands.at(-1)?.words.map((x) => x.text), ['rm', '-rf', '/data'], `${text}: the body ends at ${delimiter}`);
        assert.match(verdict(text), /^destructive/, text);
      }
    });

    it("a delimiter in $'…' or $\"…\" quotes (decoded by bash, not by this reader) is reported: its body's end cannot be told", () => {
      const r = parse("cat <<$'EOF'\nbody\nEOF\nls");
      assert.deepEqual(r.unsupported, ["a heredoc delimiter in $'…' or $\"…\" quotes"]);
      assert.doesNotMatch(verdict("cat <<$'EOF'\nbody\nEOF\nls"), /^readOnly/);
    });
  });

  describe('globs: "[" with a closing "]" in the same word', () => {
    it('[…] is a glob, a lone [ is the test command, a "]" past a blank closes nothing', () => {
      assert.deepEqual(parse('[ab]').commands, [cmd([d('[ab]')])]);
      assert.deepEqual(parse('[ -f a ] && ls [ab] x[0-9] [a b]').commands, [
        cmd(['[', '-f', 'a', ']']),
        cmd(['ls', d('[ab]'), d('x[0-9]', 'x'), '[a', 'b]']),
      ]);
      assert.deepEqual(parse('ls [[a] [').commands, [cmd(['ls', d('[[a]'), '['])]);
    });

    it('text read twice (a heredoc body\'s unclosed $( runs on) is judged again for globs', () => {
      const r = parse('cat <<EOF\n$(echo\nEOF\nls [ x [a]');
      assert.deepEqual(r.commands.at(-1), cmd(['ls', '[', 'x', d('[a]')]));
      assert.deepEqual(r.unsupported, ['an unclosed "("']);
    });
  });

  describe('runbook parameters ($NAME with a known value)', () => {
    const vars = { NS: 'prod' };
    const firstArg = (text: string, v: Record<string, string> = vars) => parse(text, v).commands[0]?.words[1];

    it('a parameter the step never assigns reads as its value; an unknown variable as nothing known', () => {
      assert.deepEqual(firstArg('echo $NS'), w('prod'));
      assert.deepEqual(firstArg('echo "${NS}"'), w('prod'));
      assert.deepEqual(firstArg('echo $OTHER'), d(''));
      assert.deepEqual(firstArg('echo "$NS" $OTHER_NS $NSX'), w('prod'));
    });

    it('unquoted, a value with blanks or glob characters is split and expanded: not known; quoted it is', () => {
      assert.deepEqual(firstArg('echo $NS', { NS: 'a b' }), d('a b'));
      assert.deepEqual(firstArg('echo $NS', { NS: 'a*' }), d('a*'));
      assert.deepEqual(firstArg('echo "$NS"', { NS: 'a b' }), w('a b'));
    });

    it('any other mention of the name assigns it, so its value is no longer known', () => {
      for (const text of ['echo "$NS"; NS=x', 'echo "$NS"; read NS', 'echo "$NS"; exec {NS}>/tmp/x', 'echo "$NS" ${NS:=default}', "echo \"$NS\" $'NS}'"]) {
        assert.deepEqual(firstArg(text), d(''), text);
      }
    });

    it('a parameter whose name is not a shell name is ignored', () => {
      assert.deepEqual(parse('ls', { '': 'x', 'my-param': 'y' }), { commands: [cmd(['ls'])], unsupported: [] });
    });
  });
});
