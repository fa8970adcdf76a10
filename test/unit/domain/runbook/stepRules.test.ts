// Pure runbook rules (step safety has its own file): fence attributes, placeholders, task lists, SQL splitting, the incident timeline.
import assert from 'node:assert/strict';
import { cellOptions, parseDuration, parseFenceInfo } from '../../../../src/domain/runbook/cellAttributes';
import { splitSqlStatements } from '../../../../src/domain/runbook/executors/sqlStatements';
import { consoleCommands } from '../../../../src/domain/runbook/executors/shellExecutor';
import { parseHttpRequest } from '../../../../src/domain/runbook/executors/httpExecutor';
import { bindSql, fillTemplate, findPlaceholders, rewriteShell } from '../../../../src/domain/runbook/placeholders';
import { taskEdit, taskItems } from '../../../../src/domain/runbook/taskList';

describe('fence attributes (Runme-compatible)', () => {
  it('reads JSON and key=value blocks, keeping unknown keys', () => {
    assert.deepEqual(parseFenceInfo('sh {"name":"restart","excludeFromRunAll":true,"x-custom":[1]}'), { language: 'sh', attributes: { name: 'restart', excludeFromRunAll: 'true', 'x-custom': '[1]' } });
    assert.deepEqual(parseFenceInfo('sh { name=restart timeout=30s interactive=false }'), { language: 'sh', attributes: { name: 'restart', timeout: '30s', interactive: 'false' } });
    assert.deepEqual(parseFenceInfo('promql{range=1h step=30s}'), { language: 'promql', attributes: { range: '1h', step: '30s' } });
    assert.deepEqual(parseFenceInfo('bash'), { language: 'bash', attributes: {} });
    assert.deepEqual(parseFenceInfo(''), { language: '', attributes: {} });
  });

  it('says what is wrong with a value', () => {
    const { options, errors } = cellOptions({ timeout: 'soon', name: 'x', excludeFromRunAll: 'true', confirm: 'yes', range: '1h', step: '30s' });
    assert.deepEqual(errors, ['timeout=soon is not a duration: write it like 30s, 5m, 1h or 1m30s']);
    assert.deepEqual(options, { name: 'x', excludeFromRunAll: true, confirm: true, allowFailure: false, background: false, rangeMs: 3_600_000, stepMs: 30_000 });
  });

  it('allowFailure: only an explicit true lets a step fail without stopping Run All', () => {
    const allow = (attrs: string) => cellOptions(parseFenceInfo(`sh ${attrs}`).attributes).options.allowFailure;
    assert.deepEqual(['{ allowFailure=t }', '{ allowFailure=true }', '{"allowFailure":true}'].map(allow), [true, true, true]);
    assert.deepEqual(['', '{ allowFailure }', '{ allowFailure=false }', '{ allowfailure=true }', '{ allowFailure=maybe }', '{"allowFailure":"no"}'].map(allow), [false, false, false, false, false, false]);
  });

  it('parses durations', () => {
    assert.deepEqual(['30s', '5m', '1h30m', '250ms', '2d', '45', '1.5s', 'x', '5 m'].map(parseDuration), [30_000, 300_000, 5_400_000, 250, 172_800_000, 45_000, 1500, undefined, undefined]);
  });
});

describe('placeholders', () => {
  const none = () => false;
  it('finds <angle> placeholders and $VARS the session lacks, ignoring what the step sets, quotes and builtins', () => {
    const text = `BACKEND_POD=$(kubectl get pod -o name)\nfor svc in a b; do echo $svc; done\nwhile IFS='=' read -r name n; do echo "$name $n"; done < f\nread -p Pod: -t 5 POD\necho $POD\nkubectl logs <pod-name> $BACKEND_POD -n $NS '$NOT_EXPANDED' "\${DEFAULTED:-x}" $HOME \\$ESCAPED\ncat <<'EOF'\n$IN_QUOTED_HEREDOC <in-heredoc>\nEOF\necho <pod-name> $DB_HOST`;
    assert.deepEqual(findPlaceholders('shell', text, none).map((p) => `${p.token}=${p.name}`), ['<pod-name>=POD_NAME', '$NS=NS', '$DB_HOST=DB_HOST']);
    assert.deepEqual(findPlaceholders('shell', text, (n) => n === 'DB_HOST' || n === 'NS').map((p) => p.name), ['POD_NAME']);
    assert.deepEqual(findPlaceholders('sql', "SELECT * FROM tasks WHERE experiment_id = '<experiment-id>' -- <not-this>", none).map((p) => p.name), ['EXPERIMENT_ID']);
    assert.deepEqual(findPlaceholders('http', 'GET {{PLATFORM_API_URL}}/api/v1/experiments/<experiment-id>', none).map((p) => p.token), ['<experiment-id>', '{{PLATFORM_API_URL}}']);
  });

  it('turns <placeholders> into quoted variable references in every quoting context', () => {
    assert.equal(rewriteShell(`kubectl logs <pod-name> -n x`), 'kubectl logs "${POD_NAME}" -n x');
    assert.equal(rewriteShell(`echo "pod <pod-name> done"`), 'echo "pod ${POD_NAME} done"');
    assert.equal(rewriteShell(`kubectl patch -p '{"name":"<pod-name>"}'`), `kubectl patch -p '{"name":"'"\${POD_NAME}"'"}'`);
    assert.equal(rewriteShell(`cat <<EOF\n<pod-name>\nEOF\ncat <<'EOF'\n<pod-name>\nEOF`), `cat <<EOF\n\${POD_NAME}\nEOF\ncat <<'EOF'\n<pod-name>\nEOF`);
  });

  it('binds SQL placeholders as parameters, reusing numbers', () => {
    assert.deepEqual(bindSql("SELECT * FROM tasks WHERE experiment_id = '<experiment-id>' OR host_id = <host-id> OR experiment_id = <experiment-id> AND note = 'a <b> c'", { EXPERIMENT_ID: 'exp-1', HOST_ID: 'h' }), {
      text: "SELECT * FROM tasks WHERE experiment_id = $1 OR host_id = $2 OR experiment_id = $1 AND note = 'a <b> c'",
      params: ['exp-1', 'h'],
    });
  });

  it('fills templates with encoding', () => {
    assert.equal(fillTemplate('{{BASE}}/x/<id>?q={{Q}}', { BASE: 'http://h', ID: 'a b', Q: 'z' }, (v, tok) => (tok.startsWith('<') ? encodeURIComponent(v) : v)), 'http://h/x/a%20b?q=z');
  });
});

describe('small parsers', () => {
  it('splits SQL statements outside quotes, comments and dollar quotes', () => {
    assert.deepEqual(splitSqlStatements("SELECT ';'; -- a; comment\nDO $$ BEGIN PERFORM 1; END $$;\n/* x; */ SELECT 2;\n-- only a comment"), ["SELECT ';'", '-- a; comment\nDO $$ BEGIN PERFORM 1; END $$', '/* x; */ SELECT 2']);
  });

  it('strips console prompts and drops output lines', () => {
    assert.equal(consoleCommands('$ kubectl get pods\nNAME READY\n$ echo a \\\n  b\nout'), 'kubectl get pods\necho a \\\n  b');
    assert.equal(consoleCommands('echo no prompts'), 'echo no prompts');
  });

  it('reads REST-client requests and says what is wrong', () => {
    assert.deepEqual(parseHttpRequest('# comment\nPOST {{API}}/x HTTP/1.1\nContent-Type: application/json\n\n{"a":1}\n###\nGET other'), { method: 'POST', url: '{{API}}/x', headers: [['Content-Type', 'application/json']], body: '{"a":1}' });
    assert.deepEqual(parseHttpRequest('{{API}}/health'), { method: 'GET', url: '{{API}}/health', headers: [], body: '' });
    assert.match(parseHttpRequest('FETCH x') as string, /FETCH is not an HTTP method/);
    assert.match(parseHttpRequest('GET x\nnot a header') as string, /is not a header line/);
  });

  it('finds task-list items outside code and edits exactly one character', () => {
    const md = '- [ ] one\n* [x] two\n1. [X] three\n```\n- [ ] code\n```\n  - [ ] nested';
    assert.deepEqual(taskItems(md).map((t) => [t.line, t.column, t.checked]), [[0, 3, false], [1, 3, true], [2, 4, true], [6, 5, false]]);
    assert.deepEqual(taskEdit(md, 0, true), { line: 0, column: 3, text: 'x' });
    assert.equal(taskEdit(md, 0, false), undefined);
    assert.equal(taskEdit(md, 4, true), undefined);
  });
});
