// Placeholders decide what a step asks for and how a value reaches it: never spliced into shell or SQL
// text. Table-tested, with the places a placeholder must NOT be found or replaced outnumbering the rest.
import assert from 'node:assert/strict';
import { bindSql, fillTemplate, findPlaceholders, placeholderName, rewriteShell } from '../../../../src/domain/runbook/placeholders';

const none = () => false;
const names = (kind: Parameters<typeof findPlaceholders>[0], text: string) => findPlaceholders(kind, text, none).map((p) => p.name);

describe('placeholders: what a step asks for', () => {
  it('names a placeholder as its environment variable', () => {
    assert.deepEqual(['<pod-name>', '<pod_name>', '<db>', '<a-b-c>'].map(placeholderName), ['POD_NAME', 'POD_NAME', 'DB', 'A_B_C']);
  });

  const shellFound: Array<[string, string[]]> = [
    ['echo <pod-name>', ['POD_NAME']],
    ["echo '<pod-name>'", ['POD_NAME']],
    ['echo "<pod-name>"', ['POD_NAME']],
    ['cat <<EOF\n<pod-name>\nEOF', ['POD_NAME']],
    ['echo $NS ${DB} $NS', ['NS', 'DB']],
    ['echo <b> <a> <b>', ['B', 'A']],
    ["echo It\\'s $NS", ['NS']], // an escaped quote opens nothing
    ["echo <pod-name>'-0' <pod-name>\"-0\"", ['POD_NAME']], // a quote right after a placeholder
    ["# don't touch\necho '$LITERAL' $NS", ['NS']], // a quote in a comment opens nothing
    ["echo hi #it's\necho '$LITERAL' $NS", ['NS']],
    ['echo $NS # done', ['NS']],
    ['echo ${DB_HOST} ${NS}', ['DB_HOST', 'NS']],
    ['echo ${POD%-*} ${#NAME} ${NS:0:3}', ['POD', 'NAME', 'NS']], // these use the value: it must be there
    ['kubectl create secret generic db --from-literal=password=$password', ['password']], // a key=value argument sets no variable
    ['curl -d token=$token https://x', ['token']], // an argument shaped like an assignment sets nothing
    ['echo A=1; echo $A', ['A']],
    ['curl $(cat url) token=$token', ['token']], // after a substitution's ) a word is an argument
    ['echo ${A:-x} B=$B', ['B']], // after an expansion's }, too
    ['env TOKEN=t curl -H "Bearer $TOKEN" x', ['TOKEN']], // expanded by the shell before env sets it
    ["grep -c x <<<'$LITERAL'\nkubectl delete pod <pod-name> -n $NS", ['POD_NAME', 'NS']], // a here-string has no body
  ];
  for (const [text, want] of shellFound) it(`shell: finds ${want.join(', ')} in ${JSON.stringify(text)}`, () => assert.deepEqual(names('shell', text), want));

  const shellNotFound: Array<[string, string]> = [
    ["cat <<'EOF'\n<pod-name> $X\nEOF", 'a quoted heredoc is literal'],
    ['cat <<"EOF"\n<pod-name>\nEOF', 'a double-quoted heredoc delimiter is literal too'],
    ["echo '$NOT_EXPANDED'", 'single quotes do not expand'],
    ['echo \\$ESCAPED', 'an escaped dollar'],
    ['echo ${WITH_DEFAULT:-x} ${ASSIGN_DEFAULT:=y} ${ERR_IF_UNSET:?z} ${ALT:+w} ${IF_UNSET-x}', 'expansions that bring their own value'],
    ['export E=1; echo $E', 'exported by the step'],
    ['local L; L=2; echo $L', 'local'],
    ['declare -x D=1; echo $D', 'declared'],
    ['readonly R=1; echo $R', 'readonly'],
    ['A+=x; echo $A', 'appended to'],
    ['for F in a b; do echo $F; done', 'a loop variable'],
    ['read -r -p Name: N; echo $N', 'read, after its options'],
    ['echo $HOME $PATH $RANDOM $PWD $USER', 'shell builtins'],
    ['echo <Upper> <1x> <-x> <x->', 'not placeholder syntax'],
    ['a=$(<file)', 'a redirection'],
    ['  X=1 Y="a b" Z=$(date) env; echo $X $Y $Z', 'assignments before a command, indented'],
    ["FIRST=$(date +%s)  SECOND='a b' THIRD=12 FOURTH=x env; echo $FIRST $SECOND $THIRD $FOURTH", 'several assignments before a command, with quoted and substituted values'],
    ['true && A=1 || B=2; (C=3); { D=4; }; echo $A $B $C $D', 'assignments after && || ( and {'],
    ['if OUT=$(kubectl get pods); then echo "$OUT"; fi', 'assigned in an if condition'],
    ['for i in 1; do N=$i; done; echo $N', 'assigned in a loop body'],
    ['x=1\n\ty=2\necho $x $y', 'assigned on lines of their own'],
    ["echo issue#'$LITERAL'", 'a # inside a word starts no comment'],
    ['local  first  second\ndeclare -r  third\necho $first $second $third', 'declared, with more than one space between words'],
    ['declare -ix count; echo $count', 'declared with several options'],
    ['local abc de fgh; echo $abc $de $fgh', 'several names declared at once'],
    ['for  host   in a b; do echo $host; done', 'a loop variable, spaced out'],
    ['read -rs PASSWORD; echo $PASSWORD', 'read, after options in one word'],
    ['read -rp Pod: POD; echo $POD', 'read, after an option that takes an argument, in one word'],
    ['read -p "Pod name: " POD; echo $POD', 'read, after a prompt with spaces in double quotes'],
    ["read -p 'Namespace? ' NS; echo $NS", 'read, after a prompt with spaces in single quotes'],
    ['read  -r  -p  Pod:  A  B; echo $A $B', 'read, with more than one space between words'],
  ];
  for (const [text, why] of shellNotFound) it(`shell: finds nothing in ${JSON.stringify(text)} (${why})`, () => assert.deepEqual(names('shell', text), []));

  it('reads a value of many substitutions in one pass (each $( has one reading), and still asks for what it uses', () => {
    // With two readings of each $( a failing match tried 2^n splits: 20 took 28 ms, 200 would never end.
    assert.deepEqual(names('shell', `A=${'$(x)'.repeat(200)} $B ${'$(y)'.repeat(200)}=`), ['B']);
  });

  it('leaves out what the session already knows', () => {
    assert.deepEqual(findPlaceholders('shell', 'echo <pod-name> $NS', (n) => n === 'POD_NAME').map((p) => p.token), ['$NS']);
  });

  const sqlNotFound: Array<[string, string]> = [
    ['SELECT 1 -- <x>', 'a line comment'],
    ['SELECT /* <x> */ 1', 'a block comment'],
    ["SELECT 'a <x> b'", 'inside a longer string'],
    ['SELECT "<x>"', 'a quoted identifier'],
    ['SELECT $$ <x> $$', 'a dollar-quoted body'],
    ['SELECT $tag$ <x> $tag$', 'a tagged dollar quote'],
    ["SELECT 'it''s <x>'", 'a string with an escaped quote'],
  ];
  for (const [text, why] of sqlNotFound) it(`sql: finds nothing in ${JSON.stringify(text)} (${why})`, () => assert.deepEqual(names('sql', text), []));

  it("sql: finds '<x>' and <x> in code", () => {
    assert.deepEqual(names('sql', "SELECT * FROM t WHERE a = '<a-id>' AND b = <b> -- <c>"), ['A_ID', 'B']);
  });

  it("sql: asks for '<x>' and <x> by their bare token", () => {
    assert.deepEqual(findPlaceholders('sql', "SELECT '<a-id>', <b>", none).map((p) => p.token), ['<a-id>', '<b>']);
  });

  it('interpreter: <x> in a program is code, not a placeholder', () => {
    assert.deepEqual(names('interpreter', "print('<pod-name>')"), []);
  });

  it('http: {{VARS}} and <x>; other languages: <x> only', () => {
    assert.deepEqual(names('http', 'GET {{ BASE }}/x/<id>'), ['ID', 'BASE']);
    assert.deepEqual(names('promql', 'up{job="<job>"} {{NOT_HTTP}}'), ['JOB']);
  });
});

describe('placeholders: how a value gets in', () => {
  it('shell: a reference in every quoting, never the value; literal text untouched', () => {
    assert.equal(rewriteShell("echo <x> '<x>' \"<x>\""), `echo "\${X}" ''"\${X}"'' "\${X}"`);
    assert.equal(rewriteShell("cat <<'EOF'\n<x>\nEOF\necho <x>"), "cat <<'EOF'\n<x>\nEOF\necho \"${X}\"");
    assert.equal(rewriteShell('cat <<-EOF\n\t<x>\n\tEOF'), 'cat <<-EOF\n\t${X}\n\tEOF');
    assert.equal(rewriteShell('no placeholders; $KEPT'), 'no placeholders; $KEPT');
  });

  it('shell: escaped quotes, quotes next to a placeholder, here-strings and heredoc lines keep their quoting', () => {
    assert.equal(rewriteShell("echo It\\'s <x>"), `echo It\\'s "\${X}"`);
    assert.equal(rewriteShell('echo "say \\"<x>\\" $NS"'), 'echo "say \\"${X}\\" $NS"');
    assert.equal(rewriteShell(`echo <pod-name>'-0' <pod-name>"-0"`), `echo "\${POD_NAME}"'-0' "\${POD_NAME}""-0"`);
    assert.equal(rewriteShell("grep -c x <<<'<x>'\nkubectl delete pod <pod-name>"), `grep -c x <<<''"\${X}"''\nkubectl delete pod "\${POD_NAME}"`);
    // The rest of the line that opens a heredoc is still code; its body starts on the next line.
    assert.equal(rewriteShell('cat <<EOF | kubectl apply -f - -n <namespace>\nname: <name>\nEOF'), 'cat <<EOF | kubectl apply -f - -n "${NAMESPACE}"\nname: ${NAME}\nEOF');
    assert.equal(rewriteShell('cat <<E\n<x>\nE'), 'cat <<E\n${X}\nE');
    assert.equal(rewriteShell('echo $((1<<2)) <<EOF\n<x>\nEOF\necho <y>'), 'echo $((1<<2)) <<EOF\n${X}\nEOF\necho "${Y}"');
  });

  it('sql: numbered parameters in order of first use, missing values empty, strings and comments untouched', () => {
    assert.deepEqual(bindSql("SELECT <b>, '<a>', <b> -- <c>\n/* <c> */ FROM t WHERE s = 'x <c>'", { B: '2' }), {
      text: "SELECT $1, $2, $1 -- <c>\n/* <c> */ FROM t WHERE s = 'x <c>'",
      params: ['2', ''],
    });
    assert.deepEqual(bindSql('SELECT 1', {}), { text: 'SELECT 1', params: [] });
  });

  it('templates: values encoded, unknown placeholders left as they are', () => {
    assert.equal(fillTemplate('{{A}}/<b>/{{MISSING}}/<missing>', { A: 'x y', B: 'p/q' }, (v) => encodeURIComponent(v)), 'x%20y/p%2Fq/{{MISSING}}/<missing>');
    assert.equal(fillTemplate('{{ A }}', { A: 'raw value' }), 'raw value');
  });
});
