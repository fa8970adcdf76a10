// The classifier's readers at their edges: how a command's flags are split from its words (commandArgs.ts) and
// how SQL text is cut into tokens (sqlSafety.ts). Each case is a step whose verdict would change if the reader
// misread it; most came from mutation testing (TESTING.md, "Scores per module").
import assert from 'node:assert/strict';
import { classifyStep } from '../../../../src/domain/runbook/stepSafety';

type Kind = Parameters<typeof classifyStep>[0];
const verdict = (k: Kind, t: string) => {
  const s = classifyStep(k, t);
  return `${s.kind}${s.reasons.length ? `: ${s.reasons.join(', ')}` : ''}`;
};
const each = (k: Kind, cases: Record<string, string>) => {
  for (const [text, want] of Object.entries(cases)) assert.equal(verdict(k, text), want, text);
};

describe('step safety readers: flags and words', () => {
  it('of two spellings of a flag, the one given last wins, as curl reads it', () => {
    each('shell', {
      'curl --request GET -X DELETE http://x': 'destructive: HTTP DELETE',
      'curl -X GET --request DELETE http://x': 'destructive: HTTP DELETE',
      'curl -X DELETE --request GET http://x': 'readOnly',
      'curl -X DELETE -X GET http://x': 'readOnly',
      'curl -X GET -X PUT http://x': 'mutating: HTTP PUT',
    });
    assert.deepEqual(classifyStep('shell', 'kubectl --context a --context=b get pods').reach.contexts, ['b']);
  });

  it('a flag given twice keeps both values: psql runs every -c, sed every -e', () => {
    each('shell', {
      'psql -c "DROP TABLE t" -c "SELECT 1"': 'destructive: DROP',
      'psql -c "SELECT 1" --command "VACUUM"': 'mutating: SQL VACUUM',
      "sed -e 's/a/b/' -e 'w out.txt' f": 'mutating: sed with a script that runs commands or writes files',
    });
  });

  it('a lone "-" is a word (stdin), not a flag: kubectl - get pods has no verb it knows', () => {
    each('shell', { 'kubectl - get pods': 'mutating: kubectl - is not known to be read-only' });
  });

  it('a flag whose text comes from a variable: its value when it has "=", otherwise what follows cannot be told', () => {
    each('shell', {
      'kubectl -n$NS get pods': 'mutating: kubectl with a flag the classifier does not know before its verb',
      'kubectl --namespace$X get pods': 'mutating: kubectl with a flag the classifier does not know before its verb',
      'kubectl --namespace=$NS get pods': 'readOnly',
      'curl --request=$M http://x': 'mutating: curl with a method from a variable',
      'kubectl get pods -n$NS': 'readOnly',
    });
    assert.deepEqual(classifyStep('shell', 'kubectl --context=$CTX get pods').reach.unknown, ['--context from a variable']);
  });

  it('a short flag takes the rest of its cluster as its value, without a leading "=", never as a variable', () => {
    each('shell', {
      'curl -XGET http://x': 'readOnly',
      'curl -sXDELETE http://x': 'destructive: HTTP DELETE',
      'curl -X=DELETE http://x': 'destructive: HTTP DELETE',
      'curl -XGET=x http://x': 'mutating: HTTP GET=X is not known to be read-only',
      'curl -sSX POST http://x': 'mutating: HTTP POST',
      'curl -s http://x': 'readOnly',
    });
  });

  it('a flag that needs a value and has none at the end sets nothing (the tool refuses to start)', () => {
    each('shell', {
      'psql -f': 'readOnly',
      'psql --file': 'readOnly',
      'pg_restore -d': 'readOnly',
      'pg_restore --dbname': 'readOnly',
      'pg_restore --dbname=phoenix x.dump': 'mutating: pg_restore',
      'sed -f': 'readOnly',
      'sed --file': 'readOnly',
      'awk -f': 'mutating: awk with a program that runs commands or writes files',
      'awk --file': 'mutating: awk with a program that runs commands or writes files',
    });
  });

  it('"--" ends the flags: what follows is words, even when it looks like a flag', () => {
    each('shell', {
      'kubectl -- get pods': 'readOnly',
      'kubectl -n x -- delete pod -q': 'destructive: kubectl delete',
      'rm -- -rf': 'mutating: rm deletes files',
    });
  });
});

describe('step safety readers: SQL tokens', () => {
  it('a minus or a slash alone is an operator, not a comment: what follows still counts', () => {
    each('sql', {
      'SELECT 2 - 1; DROP TABLE t': 'destructive: DROP',
      'SELECT 4 / 2; DROP TABLE t': 'destructive: DROP',
      'SELECT 1 -- DROP TABLE t': 'readOnly',
      'SELECT 1 -- a comment\nDROP TABLE t': 'destructive: DROP',
      'SELECT 1 /* DROP TABLE t */; DELETE FROM t WHERE a = 1': 'mutating: DELETE',
    });
  });

  it('strings: doubled quotes stay inside, a backslash escapes only in E strings (either case)', () => {
    each('sql', {
      "SELECT 'it''s; DROP TABLE t'": 'readOnly',
      "SELECT 'a\\'; DROP TABLE t": 'destructive: DROP',
      "SELECT e'it\\'s; DROP TABLE t'": 'readOnly',
      "SELECT E'a\\\\'; DROP TABLE t": 'destructive: DROP',
      "SELECT 'x' || e'y'; TRUNCATE t": 'destructive: TRUNCATE',
      "SELECT E'it''s \\' DROP TABLE t'": 'readOnly',
    });
  });

  it('quoted names and dollar quotes end where they end; $1 parameters are not dollar quotes', () => {
    each('sql', {
      'SELECT "a;b" FROM t; DROP TABLE t': 'destructive: DROP',
      'SELECT $tag$ DROP TABLE t $tag$': 'readOnly',
      'SELECT $tag$ x $tag$; DROP TABLE t': 'destructive: DROP',
      'SELECT $$x$$; DROP TABLE t': 'destructive: DROP',
      'SELECT * FROM t WHERE a = $1; DROP TABLE t': 'destructive: DROP',
      'SELECT $12$ DROP TABLE t': 'destructive: DROP',
      'SELECT $ 1, $$ DROP TABLE t $$': 'readOnly',
      'SELECT $1$$ DROP TABLE t $$': 'readOnly',
    });
  });

  it('names hold letters, digits, "_" and "$": a column named update2 or a$b is not a statement', () => {
    each('sql', {
      'SELECT update2 FROM t': 'readOnly',
      'SELECT delete_1, _update FROM t': 'readOnly',
      'SELECT a$x$ FROM t; DROP TABLE t': 'destructive: DROP',
      'SELECT 1e5 FROM t; DROP TABLE t': 'destructive: DROP',
      'SELECT .5 FROM t': 'readOnly',
    });
  });

  it('psql meta-commands take the rest of their line, and \\! runs a shell', () => {
    each('sql', {
      '\\! rm -rf /tmp/x': 'mutating: psql \\! is not known to be read-only',
      '\\?': 'readOnly',
      '\\d+ tasks': 'readOnly',
      '\\l+': 'readOnly',
      '\\x\nDROP TABLE t': 'destructive: DROP',
      '\\x DROP TABLE t': 'readOnly',
    });
  });

  it('an unmatched closing parenthesis does not hide a DELETE without WHERE after it', () => {
    each('sql', {
      'SELECT 1); DELETE FROM t': 'destructive: DELETE without WHERE',
      'DROP': 'mutating: DROP',
    });
  });

  it('SELECT … INTO creates a table after a WITH too', () => {
    each('sql', {
      'WITH x AS (SELECT 1) SELECT * INTO copy FROM x': 'mutating: SELECT INTO',
      'WITH x AS (SELECT 1 INTO y) SELECT * FROM x': 'readOnly',
    });
  });

  it('row locks only after FOR or KEY, not after a name that ends like them', () => {
    each('sql', {
      'SELECT monkey share FROM zoo': 'readOnly',
      'SELECT keys share FROM t': 'readOnly',
      'SELECT * FROM t FOR UPDATE': 'mutating: row locks (FOR UPDATE/SHARE)',
      'SELECT key FROM settings ORDER BY key DESC': 'readOnly',
      'SELECT * FROM t FOR -- lock them\nUPDATE': 'mutating: row locks (FOR UPDATE/SHARE)',
    });
  });

  it('a subquery closing inside an UPDATE does not forget that the UPDATE has no WHERE', () => {
    each('sql', {
      'UPDATE t SET x = (SELECT max(y) FROM u)': 'destructive: UPDATE without WHERE',
      'UPDATE t SET x = (SELECT max(y) FROM u) WHERE id = 1': 'mutating: UPDATE',
    });
  });

  it('a DELETE inside a WITH writes, though the statement starts as a query', () => {
    each('sql', {
      'WITH d AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM d': 'mutating: DELETE',
    });
  });

  it('RESET ROLE is named as itself', () => {
    each('sql', {
      'SET ROLE admin': 'mutating: SET ROLE',
      'RESET ROLE': 'mutating: RESET ROLE',
    });
  });

  it('only a minus right after a minus starts a comment; an empty string ends at once; a number\'s E is not an E string', () => {
    each('sql', {
      'SELECT a-1; DROP TABLE t': 'destructive: DROP',
      "SELECT ''; DROP TABLE t; SELECT 'x'": 'destructive: DROP',
      "SELECT 1E'\\'; DROP TABLE t; --'": 'destructive: DROP',
    });
  });

  it('inside a block comment a lone slash or star neither opens nor closes one', () => {
    each('sql', {
      '/* a / b */ DROP TABLE t': 'destructive: DROP',
      '/* 2 * 3 */ SELECT 1': 'readOnly',
    });
  });
});
