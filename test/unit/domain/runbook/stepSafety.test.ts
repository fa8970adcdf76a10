// The step classifier fails safe: a step is read-only only when every command in it is known to only read.
// Table-driven, with more steps that must NOT pass as read-only than steps that must.
import assert from 'node:assert/strict';
import { classifyStep, readOnlyRefusal, type StepSafety } from '../../../../src/domain/runbook/stepSafety';
import { parseShell } from '../../../../src/domain/runbook/safety/shellSyntax';

type Kind = Parameters<typeof classifyStep>[0];
const text = (s: StepSafety) => `${s.kind}${s.reasons.length ? `: ${s.reasons.join(', ')}` : ''}`;
const kind = (k: Kind, t: string, opts: Parameters<typeof classifyStep>[2] = {}) => text(classifyStep(k, t, opts));

describe('step safety: shell steps that change or destroy are never read-only', () => {
  const destructive: Array<[string, string]> = [
    ['kubectl delete deployment api', 'kubectl delete'],
    // The issue's reproduction: a line continuation hid the verb from the old patterns.
    ['kubectl \\\n  delete deployment api', 'kubectl delete'],
    ['kubectl -n x \\\ndelete \\\n  deployment api', 'kubectl delete'],
    ['kubectl get pods; kubectl delete pod x', 'kubectl delete'],
    ['kubectl get pods && kubectl delete pod x', 'kubectl delete'],
    ['kubectl get pods || kubectl delete pod x', 'kubectl delete'],
    ['kubectl get pods -o name | xargs kubectl delete', 'kubectl delete'],
    ['kubectl get pods -o name | xargs -I{} -n 1 kubectl delete {}', 'kubectl delete'],
    ['(kubectl delete ns x)', 'kubectl delete'],
    ['{ kubectl delete ns x; }', 'kubectl delete'],
    ['echo $(kubectl delete ns x)', 'kubectl delete'],
    ['echo "$(kubectl delete ns x)"', 'kubectl delete'],
    ['echo `kubectl delete ns x`', 'kubectl delete'],
    ['echo "${X:-$(kubectl delete ns x)}"', 'kubectl delete'],
    ['diff <(kubectl get a) <(kubectl delete ns x)', 'kubectl delete'],
    ['if kubectl get ns x; then kubectl delete ns x; fi', 'kubectl delete'],
    ['for p in a b; do kubectl delete pod "$p"; done', 'kubectl delete'],
    ['while read -r p; do kubectl delete pod "$p"; done < pods.txt', 'kubectl delete'],
    ['timeout 30 kubectl delete pod x', 'kubectl delete'],
    ['nohup kubectl delete pod x &', 'kubectl delete'],
    ['env FOO=1 kubectl delete pod x', 'kubectl delete'],
    ['command kubectl delete pod x', 'kubectl delete'],
    ['/usr/bin/kubectl delete pod x', 'kubectl delete'],
    ['bash -c "kubectl delete pod x"', 'kubectl delete'],
    ["sh -ec 'kubectl get pods; kubectl delete pod x'", 'kubectl delete'],
    ['watch kubectl delete pod x', 'kubectl delete'],
    ['cat <<EOF\n$(kubectl delete ns x)\nEOF', 'kubectl delete'],
    ['kubectl drain node-1 --ignore-daemonsets', 'kubectl drain'],
    ['kubectl rollout undo deployment/platform-api --to-revision=42', 'kubectl rollout undo'],
    ['kubectl scale deployment --all --replicas=0 -n phoenix-system', 'kubectl scale --replicas=0'],
    ['kubectl -n x scale deploy/a --replicas 0', 'kubectl scale --replicas=0'],
    ['kubectl scale deploy/a --replicas="$N"', 'kubectl scale --replicas=(a value that may be 0)'],
    ['kubectl scale deploy/a', 'kubectl scale --replicas=(a value that may be 0)'],
    ['kubectl apply --prune -l app=x -f dir/', 'kubectl apply --prune'],
    ['kubectl replace --force -f x.yaml', 'kubectl replace --force'],
    ['helm uninstall api', 'helm uninstall'],
    ['helm rollback api 3', 'helm rollback'],
    ['redis-cli -h $REDIS_HOST FLUSHALL', 'redis-cli FLUSHALL'],
    ['redis-cli flushdb', 'redis-cli FLUSHALL'],
    ['rm -rf /var/backups/old', 'rm -rf'],
    ['rm -fr x', 'rm -rf'],
    ['rm -r -f y', 'rm -rf'],
    ['rm --recursive --force z', 'rm -rf'],
    ['curl -X DELETE http://api/x', 'HTTP DELETE'],
    ['curl -sSXDELETE http://api/x', 'HTTP DELETE'],
    ['curl --request=DELETE http://api/x', 'HTTP DELETE'],
    ['psql -c "DELETE FROM tasks"', 'DELETE without WHERE'],
    ['psql -h $DB_HOST -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = \'idle\'"', 'pg_terminate_backend'],
    ['psql <<SQL\nTRUNCATE tasks;\nSQL', 'TRUNCATE'],
    ['psql <<<"DROP TABLE tasks"', 'DROP'],
    ['pg_restore --clean -d phoenix backup.dump', 'database drop/restore over existing data'],
    ['dropdb phoenix', 'database drop/restore over existing data'],
  ];
  for (const [step, reason] of destructive) {
    it(`${JSON.stringify(step)} is destructive (${reason})`, () => {
      const s = classifyStep('shell', step);
      assert.equal(s.kind, 'destructive', text(s));
      assert.ok(s.reasons.includes(reason), text(s));
    });
  }

  const mutating: Array<[string, string]> = [
    ['kubectl rollout restart deployment/backend -n phase-5', 'kubectl rollout restart'],
    ['kubectl scale deployment/backend --replicas=5', 'kubectl scale'],
    ['kubectl create secret generic x --from-literal=a=b --dry-run=client -o yaml | kubectl apply -f -', 'kubectl apply'],
    ['kubectl apply -f x.yaml --dry-run=none', 'kubectl apply'],
    ['kubectl apply -f x.yaml --dry-run=$MODE', 'kubectl apply'],
    ['kubectl annotate ingress x a=b --overwrite', 'kubectl annotate'],
    ['kubectl set env deployment/backend --from=secret/db -n phase-5', 'kubectl set'],
    ['kubectl exec -it pod/x -- sh', 'kubectl exec'],
    ['kubectl cp pod/x:/a ./a', 'kubectl cp'],
    ['kubectl port-forward svc/x 8080:80', 'kubectl port-forward'],
    ['kubectl config use-context prod', 'kubectl config use-context'],
    ['kubectl label node n1 a=b', 'kubectl label'],
    ['helm upgrade api chart/', 'helm upgrade'],
    ['curl -X POST http://api/x', 'HTTP POST'],
    ['curl -d a=b http://api/x', 'HTTP POST'],
    ['curl --json \'{"a":1}\' http://api/x', 'HTTP POST'],
    ['curl -T file http://api/x', 'HTTP PUT'],
    ['curl -X PATCH http://api/x', 'HTTP PATCH'],
    ['wget --post-data=a=b http://api/x', 'HTTP POST'],
    ['psql -c "DELETE FROM tasks WHERE id = 1"', 'SQL DELETE'],
    ['psql -c "UPDATE tasks SET a = 1 WHERE id = 2"', 'SQL UPDATE'],
    ['pg_restore -d phoenix backup.dump', 'pg_restore'],
    ['redis-cli SET k v', 'redis-cli SET'],
    ['redis-cli CONFIG SET maxmemory 1gb', 'redis-cli CONFIG'],
  ];
  for (const [step, reason] of mutating) {
    it(`${JSON.stringify(step)} changes things (${reason})`, () => {
      const s = classifyStep('shell', step);
      assert.equal(s.kind, 'mutating', text(s));
      assert.ok(s.reasons.includes(reason), text(s));
      assert.deepEqual(s.unrecognised, [], 'recognised, not merely unknown');
    });
  }

  // Not recognised: a change as far as the guard is concerned, with the reason said.
  const unknown: Array<[string, RegExp]> = [
    ['$CMD get pods', /command name from a variable/],
    ['"$KUBECTL" delete pod x', /command name from a variable/],
    ['kubectl $VERB pods', /verb from a variable/],
    ['kubectl "$VERB" pods', /verb from a variable/],
    ['kubectl --weird-flag x delete pod y', /flag the classifier does not know/],
    ['kubectl foo-plugin run', /kubectl foo-plugin is not known/],
    ['kubectl rollout bogus deploy/x', /kubectl rollout bogus is not known/],
    ['deploy() { kubectl delete ns x; }; deploy', /function definition/],
    ['function deploy { ls; }', /function definition/],
    ['case $x in a) kubectl get pods;; esac', /case statement/],
    ['eval "kubectl get pods"', /eval runs text/],
    ['source ./steps.sh', /source runs another file/],
    ['. ./steps.sh', /\. runs another file/],
    ['./deploy.sh', /by path\) is not known/],
    ['bash deploy.sh', /bash running a script file/],
    ['bash -c "$SCRIPT"', /bash -c with a script from a variable/],
    ['echo x | bash', /bash running a script file/],
    ['sudo kubectl get pods', /sudo runs a command/],
    ['alias k=kubectl', /alias changes/],
    ['trap "kubectl delete ns x" EXIT', /trap runs a command later/],
    ['terraform apply', /terraform is not known/],
    ['rm -f /tmp/x', /rm deletes files/],
    ['sed -i s/a/b/ file', /sed -i edits files/],
    ["sed 's/a/b/e' file", /sed with a script that runs commands/],
    ["awk '{ system(\"kubectl delete ns x\") }'", /awk with a program that runs commands/],
    ["awk '{ print > \"/etc/x\" }'", /awk with a program that runs commands/],
    ["awk '{ n++; printf \"%s\", $1 | \"sh\" }'", /awk with a program that runs commands/],
    ["awk '{ print $1 } END { print n >> \"/tmp/x\" }'", /awk with a program that runs commands/],
    ['find . -name "*.log" -delete', /find -delete/],
    ['find . -exec rm {} \\;', /find -exec/],
    ['psql -f restore.sql', /psql -f runs SQL from a file/],
    ['cat dump.sql | psql', /psql reading SQL from a pipe/],
    ['psql -c "$SQL"', /psql with SQL from a variable/],
    ['psql -c "\\\\gexec"', /psql \\gexec is not known/],
    ['redis-cli', /redis-cli reading commands from stdin/],
    ['curl -K opts.txt http://x', /curl reading its options from a file/],
    ['curl -X "$METHOD" http://x', /curl with a method from a variable/],
    ['echo "unterminated', /unterminated quote/],
    ['echo $((1 + 2)) && kubectl $(echo delete) ns x', /verb from a variable/],
    ['kubectl $\'\\x64elete\' ns x', /verb from a variable/],
    ['kubectl {delete,get} ns x', /verb from a variable/],
    ['openssl ca -batch', /openssl ca is not known/],
    ['xargs --weird kubectl get pods', /xargs with an option/],
  ];
  for (const [step, why] of unknown) {
    it(`${JSON.stringify(step)} is not known to be read-only`, () => {
      const s = classifyStep('shell', step);
      assert.notEqual(s.kind, 'readOnly', text(s));
      assert.ok(s.reasons.some((r) => why.test(r)), text(s));
    });
  }
});

describe('step safety: shell steps that only read', () => {
  const readOnly = [
    'kubectl get pods -n phase-5\nkubectl logs deploy/backend --tail=100 | grep -i delete',
    '# kubectl delete pod x  (commented out)\nkubectl get pods',
    'kubectl get deploy delete-me',
    'kubectl describe pod x -n y && kubectl top pods',
    'kubectl rollout status deployment/x --timeout=150s; kubectl rollout history deployment/x',
    'kubectl config current-context; kubectl config get-contexts',
    'kubectl auth can-i delete pods',
    'kubectl apply -f x.yaml --dry-run=server',
    'kubectl create secret generic x --from-literal=a=b --dry-run=client -o yaml',
    'kubectl delete pod x --dry-run=client',
    "kubectl get deployments -n phoenix-system -o jsonpath='{range .items[*]}{.metadata.name}={.spec.replicas}{\"\\n\"}{end}' > \"$BACKUP_DIR/replicas.txt\"",
    'for ns in phoenix-system phase-5; do\n  echo "== $ns"\n  kubectl get pods -n "$ns" --no-headers | awk \'{split($2, r, "/")} r[1] != r[2] || $3 != "Running" {print; bad=1} END {if (!bad) print "all"}\'\ndone',
    "cmp <(kubectl get secret x -o jsonpath='{.data.tls\\.crt}' | base64 -d) tls.crt && echo same",
    'export BACKUP_DIR="${BACKUP_DIR:-$(mktemp -d -t phoenix-backup-XXXXXX)}"',
    'curl -s http://api/health | jq .',
    'curl -sI http://api/health',
    'curl -G -d q=up http://prom/api/v1/query',
    'psql -c "SELECT status, count(*) FROM tasks GROUP BY status"',
    'psql <<SQL\nSELECT 1;\n\\dt\nSQL',
    'pg_dump -h "$DB_HOST" -d "$PGDATABASE" --format=custom --file="$BACKUP"',
    'pg_restore --list "$BACKUP" | grep -E \'TABLE DATA\'',
    'redis-cli -h r INFO memory',
    'helm list -A && helm status api',
    'openssl x509 -in tls.crt -noout -subject -enddate',
    'timeout 10 kubectl get pods',
    'watch -n 5 kubectl get pods',
    'bash -c "kubectl get pods | wc -l"',
    'x=$(kubectl get pods -o name | head -1); echo "$x"',
    'kubectl get pods -o name | xargs -n 1 kubectl describe',
  ];
  for (const step of readOnly) {
    it(`${JSON.stringify(step.slice(0, 70))} is read-only`, () => assert.equal(kind('shell', step), 'readOnly'));
  }
});

describe('step safety: the contexts a step reaches', () => {
  it('names every context a --context flag gives', () => {
    const s = classifyStep('shell', 'kubectl get pods --context=prod-eu\nkubectl --context prod-us scale deploy/a --replicas=2');
    assert.deepEqual(s.reach, { contexts: ['prod-eu', 'prod-us'], unknown: [] });
  });
  it('says when the target cannot be told: KUBECONFIG, --kubeconfig, --server, a --context from a variable, kubectl config use-context', () => {
    const cases: Array<[string, RegExp]> = [
      ['KUBECONFIG=/tmp/other kubectl apply -f x', /KUBECONFIG is set/],
      ['env KUBECONFIG=/tmp/other kubectl apply -f x', /KUBECONFIG is set/],
      ['kubectl --kubeconfig /tmp/other apply -f x', /--kubeconfig/],
      ['kubectl -s https://other:6443 apply -f x', /-s points it at another cluster/],
      ['kubectl --context "$CTX" apply -f x', /--context from a variable/],
      ['kubectl --context=$CTX apply -f x', /--context from a variable/],
      ['kubectl config use-context prod && kubectl apply -f x', /changes which cluster later commands reach/],
      ['helm upgrade --kube-context "$C" api chart', /--kube-context from a variable/],
      // A flag whose very name is a variable may be --context=prod: "-$F" (a dash then the variable) and "--$OPT".
      ['kubectl delete pod x -$F', /a flag from a variable may point it at another cluster/],
      ['kubectl scale deploy/a --replicas=0 --$OPT', /a flag from a variable may point it at another cluster/],
    ];
    for (const [step, why] of cases) {
      const s = classifyStep('shell', step);
      assert.ok(s.reach.unknown.some((u) => why.test(u)), `${step}: ${JSON.stringify(s.reach)}`);
    }
  });
  it('says each reason and each unknown target once, however often the step repeats it (the confirmation stays readable)', () => {
    const s = classifyStep('shell', 'kubectl delete pod a\nkubectl delete pod b\nKUBECONFIG=/tmp/x kubectl get pods\nKUBECONFIG=/tmp/x kubectl get nodes');
    assert.equal(s.reasons.length, new Set(s.reasons).size, s.reasons.join(' | '));
    assert.equal(s.reasons.filter((r) => /kubectl delete/.test(r)).length, 1, s.reasons.join(' | '));
    assert.equal(s.reach.unknown.filter((u) => /KUBECONFIG is set/.test(u)).length, 1, JSON.stringify(s.reach));
  });
  it('a lone "-" (stdin) is a word, not a flag from a variable: the target stays known', () => {
    const s = classifyStep('shell', 'kubectl apply -f - <<EOF\nkind: ConfigMap\nEOF');
    assert.deepEqual(s.reach.unknown, []);
  });
  it('an assignment other than KUBECONFIG leaves the target known', () => {
    assert.deepEqual(classifyStep('shell', 'LANG=C kubectl get pods').reach, { contexts: [], unknown: [] });
    assert.deepEqual(classifyStep('shell', 'env LANG=C kubectl get pods').reach, { contexts: [], unknown: [] });
  });
  it('a read-only step with a --context flag still says which context it reads', () => {
    assert.deepEqual(classifyStep('shell', 'kubectl --context prod get pods').reach.contexts, ['prod']);
  });
});

describe('step safety: parameters and the user’s own read-only commands', () => {
  it('judges "${NAME}" by its known value; a value the step reassigns stays unknown', () => {
    assert.equal(kind('shell', 'kubectl scale deployment/x --replicas="${REPLICAS}"', { vars: { REPLICAS: '3' } }), 'mutating: kubectl scale');
    assert.equal(kind('shell', 'kubectl scale deployment/x --replicas="${REPLICAS}"', { vars: { REPLICAS: '0' } }), 'destructive: kubectl scale --replicas=0');
    assert.equal(kind('shell', 'REPLICAS=0; kubectl scale deployment/x --replicas="${REPLICAS}"', { vars: { REPLICAS: '3' } }), 'destructive: kubectl scale --replicas=(a value that may be 0)');
    assert.equal(kind('shell', '"${VERB}" pods', { vars: { VERB: 'ls' } }), 'readOnly');
    assert.match(kind('shell', 'kubectl ${VERB} pods', { vars: { VERB: 'get pods # x' } }), /^mutating: kubectl with a verb from a variable/);
  });
  it('reads a script run by bash -c or watch without the parameters\' values (the step around it may have changed them)', () => {
    const vars = { REPLICAS: '3' };
    assert.equal(kind('shell', "bash -c 'kubectl scale deployment/x --replicas=${REPLICAS}'", { vars }), 'destructive: kubectl scale --replicas=(a value that may be 0)');
    assert.equal(kind('shell', "watch 'kubectl scale deployment/x --replicas=${REPLICAS}'", { vars }), 'destructive: kubectl scale --replicas=(a value that may be 0)');
  });
  it('a command the user vouches for lifts "unknown", never a recognised change', () => {
    assert.equal(kind('shell', 'stern backend --since 5m', { knownReadOnly: ['stern'] }), 'readOnly');
    assert.equal(kind('shell', 'mytool status', { knownReadOnly: ['mytool status'] }), 'readOnly');
    assert.match(kind('shell', 'mytool deploy', { knownReadOnly: ['mytool status'] }), /^mutating: mytool is not known/);
    assert.match(kind('shell', 'kubectl delete pod x', { knownReadOnly: ['kubectl'] }), /^destructive: kubectl delete/);
    assert.match(kind('shell', 'stern x | bash', { knownReadOnly: ['stern'] }), /^mutating: bash running a script/);
    assert.match(kind('shell', 'stern x', { knownReadOnly: [' ', ''] }), /^mutating/);
    // One entry of several is enough.
    assert.equal(kind('shell', 'mytool status', { knownReadOnly: ['stern', 'mytool status'] }), 'readOnly');
  });
  it('vouches for a script by path too, and reads an entry\'s words whatever the spaces between them', () => {
    assert.equal(kind('shell', './scripts/status.sh --all', { knownReadOnly: ['./scripts/status.sh'] }), 'readOnly');
    assert.equal(kind('shell', 'mytool status --all', { knownReadOnly: ['  mytool   status '] }), 'readOnly');
  });
  it('a vouched command keeps a change it recognised even beside something it did not', () => {
    assert.equal(kind('shell', 'psql -c "COMMIT; DELETE FROM tasks WHERE id = 1"', { knownReadOnly: ['psql'] }), 'mutating: SQL COMMIT is not known to be read-only, SQL DELETE');
  });
  it('confirm=true always asks', () => {
    const s = classifyStep('shell', 'kubectl rollout restart deploy/x', { confirm: true });
    assert.equal(s.kind, 'destructive');
    assert.deepEqual(s.reasons, ['kubectl rollout restart', 'marked confirm']);
    assert.equal(classifyStep('shell', 'kubectl get pods', { confirm: true }).kind, 'destructive');
    // A step that already asks names only what it does: confirm adds nothing to say.
    assert.deepEqual(classifyStep('shell', 'kubectl delete pod x', { confirm: true }).reasons, ['kubectl delete']);
  });
});

describe('step safety: why read-only mode refuses a step', () => {
  it('names the change it recognised, or what it did not recognise and how to vouch for a command', () => {
    assert.equal(readOnlyRefusal(classifyStep('shell', 'kubectl get pods; kubectl delete pod x')), 'Not run: read-only mode is on (phoenixOps.readOnly) and this step changes things (kubectl delete).');
    assert.equal(readOnlyRefusal(classifyStep('shell', 'stern x; kubectl scale deploy/a --replicas=2')), 'Not run: read-only mode is on (phoenixOps.readOnly) and this step changes things (kubectl scale).');
    assert.equal(
      readOnlyRefusal(classifyStep('shell', 'stern backend')),
      'Not run: read-only mode is on (phoenixOps.readOnly) and this step is not known to only read (stern is not known to be read-only). If a command only reads, add it (or its first words, e.g. "mytool status") to phoenixOps.runbooks.readOnlyCommands in your user settings.',
    );
  });
});

describe('step safety: SQL', () => {
  const cases: Array<[string, string]> = [
    ['DROP TABLE tasks', 'destructive: DROP'],
    ['drop table if exists tasks', 'destructive: DROP'],
    ['truncate tasks;', 'destructive: TRUNCATE'],
    ['DELETE FROM tasks;', 'destructive: DELETE without WHERE'],
    ["UPDATE tasks SET status = 'pending'", 'destructive: UPDATE without WHERE'],
    ["UPDATE tasks SET status = (SELECT 'x' FROM t WHERE a = 1)", 'destructive: UPDATE without WHERE'],
    ['WITH gone AS (DELETE FROM tasks RETURNING id) SELECT count(*) FROM gone', 'destructive: DELETE without WHERE'],
    ["SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle'", 'destructive: pg_terminate_backend'],
    ['SELECT pg_cancel_backend(123)', 'destructive: pg_cancel_backend'],
    ["UPDATE tasks SET status = 'pending' WHERE status = 'failed'", 'mutating: UPDATE'],
    ['WITH x AS (UPDATE t SET a = 1 WHERE b RETURNING *) SELECT * FROM x', 'mutating: UPDATE'],
    ["INSERT INTO tasks (id) VALUES ('x')", 'mutating: INSERT'],
    ['ALTER TABLE tasks ADD COLUMN x int', 'mutating: ALTER'],
    ['SELECT * INTO copy FROM tasks', 'mutating: SELECT INTO'],
    ['SELECT * FROM tasks FOR UPDATE', 'mutating: row locks (FOR UPDATE/SHARE)'],
    ["SELECT set_config('default_transaction_read_only', 'off', false)", 'mutating: set_config()'],
    ["SELECT dblink_exec('other', 'DELETE FROM x')", 'mutating: dblink_exec()'],
    ['SET default_transaction_read_only = off', 'mutating: SET DEFAULT_TRANSACTION_READ_ONLY'],
    ['SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE', 'mutating: SET CHARACTERISTICS'],
    ['SET ROLE admin', 'mutating: SET ROLE'],
    ['COMMIT; DELETE FROM tasks WHERE id = 1', 'mutating: COMMIT is not known to be read-only, DELETE'],
    ['BEGIN', 'mutating: BEGIN is not known to be read-only'],
    ['ANALYZE', 'mutating: ANALYZE'],
    ['VACUUM tasks', 'mutating: VACUUM'],
    ["SELECT 'unterminated", 'mutating: an unterminated string or comment'],
    ['\\copy tasks from x.csv', 'mutating: psql \\copy is not known to be read-only'],
    // keywords inside strings, quoted names, dollar quotes and comments do not count
    ["SELECT 'DROP TABLE x' AS text -- TRUNCATE y\n", 'readOnly'],
    ['SELECT $$DELETE FROM x$$, "delete" FROM t /* UPDATE x /* nested */ SET */', 'readOnly'],
    ["SELECT E'it\\'s DELETE' AS t", 'readOnly'],
    ['SELECT status, count(*) FROM tasks GROUP BY status', 'readOnly'],
    ['WITH x AS (SELECT 1) SELECT * FROM x', 'readOnly'],
    ['SHOW statement_timeout; EXPLAIN SELECT 1; VALUES (1); TABLE tasks', 'readOnly'],
    ["SET statement_timeout = '5s'; SELECT 1", 'readOnly'],
    ['SELECT * FROM t WHERE a = $1', 'readOnly'],
  ];
  for (const [sql, expected] of cases) it(`${JSON.stringify(sql.slice(0, 60))} → ${expected}`, () => assert.equal(kind('sql', sql), expected));
});

describe('step safety: HTTP and PromQL', () => {
  it('HTTP DELETE is destructive, POST/PUT/PATCH change things, an unreadable request counts as a change; GET, HEAD and PromQL only read', () => {
    assert.equal(kind('http', 'DELETE {{API}}/x'), 'destructive: HTTP DELETE');
    assert.equal(kind('http', 'POST {{API}}/api/v1/experiments/1/stop'), 'mutating: HTTP POST');
    assert.equal(kind('http', '# DELETE is only mentioned\nPUT {{API}}/x'), 'mutating: HTTP PUT');
    assert.equal(kind('http', 'PATCH {{API}}/x'), 'mutating: HTTP PATCH');
    assert.equal(kind('http', 'FETCH {{API}}/x'), 'mutating: a request the cockpit cannot read');
    assert.equal(kind('http', '{{API}}/health'), 'readOnly');
    assert.equal(kind('http', 'HEAD {{API}}/health'), 'readOnly');
    assert.equal(kind('promql', 'sum(rate(http_requests_total[5m]))'), 'readOnly');
  });
});

describe('step safety: linear in the length of the step', () => {
  // Inputs that made the old patterns backtrack for seconds; mocha's timeout fails a quadratic classifier.
  const big = 50_000;
  const inputs: Array<[Kind, string]> = [
    // The old patterns took 1.8 s on 32 KB of this and grew with the square of the length (25 s here).
    ['shell', 'kubectl '.repeat(15_000)],
    ['shell', `kubectl ${'a '.repeat(big / 2)}`],
    ['shell', `${'kubectl get x '.repeat(big / 14)}`],
    ['shell', `curl ${'-X'.repeat(big / 2)}`],
    ['shell', `echo ${'$('.repeat(60)}${')'.repeat(60)} ${'"'.repeat(big)}`],
    ['shell', `kubectl ${'\\\n'.repeat(big / 2)} delete x`],
    ['sql', `DELETE FROM t ${'WHERE '.repeat(big / 6)}`],
    ['sql', `${'UPDATE t SET a = ('.repeat(big / 18)}`],
    ['sql', `${"'".repeat(big)}`],
  ];
  for (const [k, input] of inputs) {
    it(`classifies ${input.length} characters of ${JSON.stringify(input.slice(0, 16))}… without backtracking`, () => {
      assert.ok(['readOnly', 'mutating', 'destructive'].includes(classifyStep(k, input).kind));
    });
  }
  it('nesting past what it follows is unknown, not a crash', () => {
    const deep = `${'$('.repeat(500)}kubectl delete ns x${')'.repeat(500)}`;
    const s = classifyStep('shell', deep);
    assert.notEqual(s.kind, 'readOnly');
  });
  // Each of these made the reader or a rule quadratic (a 200 KB step then takes minutes: mocha's timeout fails
  // it) or recurse once per repetition until the stack ran out (an exception instead of a verdict).
  const many = 200_000;
  // Each with the verdict it must still reach: a fast classifier that gets the answer wrong is no better.
  const wide: Array<[string, Kind, string, 'readOnly' | 'not readOnly']> = [
    ['a word of "[" with no "]"', 'shell', `echo ${'['.repeat(many)}`, 'readOnly'],
    ['"[" words as commands', 'shell', '['.repeat(many), 'not readOnly'],
    ['a repeated kubectl flag before the verb', 'shell', `kubectl ${'-n x '.repeat(many / 5)}get pods`, 'readOnly'],
    ['a repeated kubectl flag before a delete', 'shell', `kubectl ${'-n x '.repeat(many / 5)}delete pod x`, 'not readOnly'],
    ['a repeated curl header', 'shell', `curl ${'-H x '.repeat(many / 5)}http://a`, 'readOnly'],
    ['a repeated curl header on a POST', 'shell', `curl ${'-H x '.repeat(many / 5)}-X POST http://a`, 'not readOnly'],
    ['an awk program of prints', 'shell', `awk '${'print '.repeat(many / 6)}'`, 'readOnly'],
    ['an awk program of prints ending in a redirect', 'shell', `awk '${'print '.repeat(many / 6)}> "f"'`, 'not readOnly'],
    ['distinct unknown commands', 'shell', Array.from({ length: many / 8 }, (_, i) => `tool${i}`).join(';'), 'not readOnly'],
    ['distinct contexts', 'shell', Array.from({ length: many / 30 }, (_, i) => `kubectl get pods --context=c${i}`).join(';'), 'readOnly'],
    ['distinct unknown SQL statements', 'sql', Array.from({ length: many / 8 }, (_, i) => `FOO${i}`).join(';'), 'not readOnly'],
    ['distinct psql meta-commands', 'sql', Array.from({ length: many / 8 }, (_, i) => `\\zz${i}`).join('\n'), 'not readOnly'],
  ];
  for (const [what, k, input, expected] of wide) {
    it(`${what} (${input.length} characters) is classified in one pass: ${expected}`, () => {
      const s = classifyStep(k, input);
      if (expected === 'readOnly') assert.equal(s.kind, 'readOnly', s.unrecognised.join('; '));
      else assert.notEqual(s.kind, 'readOnly');
    });
  }
  it('the distinct contexts of a long step are all in its reach, each once', () => {
    const steps = Array.from({ length: 2_000 }, (_, i) => `kubectl get pods --context=c${i % 1_000}`).join(';');
    const s = classifyStep('shell', steps);
    assert.equal(s.reach.contexts.length, 1_000);
    assert.deepEqual(s.reach.contexts.slice(0, 3), ['c0', 'c1', 'c2']);
  });
  const deep: Array<[string, string]> = [
    ['nohup nohup … kubectl delete', `${'nohup '.repeat(many / 6)}kubectl delete pod x`],
    ['command command … kubectl delete', `${'command '.repeat(many / 8)}kubectl delete pod x`],
    ['env env … kubectl delete', `${'env '.repeat(many / 4)}kubectl delete pod x`],
    ['time time … kubectl delete', `${'time '.repeat(many / 5)}kubectl delete pod x`],
    ['timeout 1 timeout 1 … kubectl delete', `${'timeout 1 '.repeat(many / 10)}kubectl delete pod x`],
    ['$(( $(( …', `echo ${'$(( '.repeat(many / 4)}`],
    ['(( $(( …', `(( ${'$(( '.repeat(many / 4)}`],
    ['${ ${ …', `echo ${'${'.repeat(many / 2)}`],
    ['"${ "${ …', `echo ${'"${'.repeat(many / 3)}`],
    ['${X:-$(( ${ …', `echo ${'${X:-$(( '.repeat(many / 8)}`],
  ];
  for (const [what, input] of deep) {
    it(`${what} nested ${input.length} characters deep is a change, not a crash`, () => {
      const s = classifyStep('shell', input);
      assert.notEqual(s.kind, 'readOnly');
    });
  }
  it('a wrapper chain past what it follows is not known, and says so', () => {
    const s = classifyStep('shell', `${'nohup '.repeat(40)}kubectl get pods`);
    assert.equal(s.kind, 'mutating');
    assert.match(s.unrecognised.join(' '), /wrappers? nested deeper than the classifier follows/);
    // A handful of wrappers is what steps really write: followed.
    assert.equal(classifyStep('shell', 'time nohup timeout 5 env A=1 command kubectl get pods').kind, 'readOnly');
    assert.equal(text(classifyStep('shell', 'time nohup timeout 5 env A=1 command kubectl delete pod x')), 'destructive: kubectl delete');
  });
  it('an exception inside the classifier is a change it could not read, never read-only', () => {
    // A step the reader chokes on (here: a getter that throws stands in for any bug) must not escape as an error.
    const vars = Object.defineProperty({}, 'X', { enumerable: true, get: () => { throw new RangeError('boom'); } }) as Record<string, string>;
    const s = classifyStep('shell', 'echo "$X"', { vars });
    assert.equal(s.kind, 'mutating');
    assert.match(s.unrecognised.join(' '), /could not read this step \(RangeError: boom\)/);
  });
});

describe('shell syntax: what the reader sees', () => {
  const words = (t: string) => parseShell(t).commands.map((c) => c.words.map((w) => (w.dynamic ? `<${w.head ?? ''}…>` : w.text)).join(' '));
  it('removes quotes and line continuations, splits on operators, reads substitutions as their own commands', () => {
    assert.deepEqual(words("kub'e'ctl \\\n get \"po\"ds|grep -v x;echo a&&echo b||echo c & wait"), ['kubectl get pods', 'grep -v x', 'echo a', 'echo b', 'echo c', 'wait']);
    assert.deepEqual(words('echo "$(date) `hostname`" $(( 1 + $(id -u) ))'), ['date', 'hostname', 'id -u', 'echo <…> <…>']);
    assert.deepEqual(words('kubectl --context=$CTX get pods'), ['kubectl <--context=…> get pods']);
  });
  it('attaches heredocs and here-strings to their command as stdin, expanding only unquoted ones', () => {
    const quoted = parseShell("psql <<'SQL'\nSELECT $(rm -rf x);\nSQL\necho done").commands;
    assert.deepEqual(quoted.map((c) => c.words[0]?.text), ['psql', 'echo']);
    assert.deepEqual(quoted[0]?.stdin, { text: 'SELECT $(rm -rf x);', dynamic: false });
    const expanded = parseShell('cat <<EOF\n$(rm -rf x)\nEOF').commands;
    assert.deepEqual(expanded.map((c) => c.words.map((w) => w.text).join(' ')), ['cat', 'rm -rf x']);
    assert.equal(parseShell('psql <<<"SELECT 1"').commands[0]?.stdin?.text, 'SELECT 1');
  });
  it('marks stdin from a pipe or a file as unknown, assignments apart from words', () => {
    const [a, b] = parseShell('FOO=1 BAR="x y" cat < f | psql').commands;
    assert.deepEqual(a?.assignments.map((x) => `${x.name}=${x.value.text}`), ['FOO=1', 'BAR=x y']);
    assert.equal(a?.stdinUnknown, true);
    assert.equal(b?.stdinUnknown, true);
  });
});
