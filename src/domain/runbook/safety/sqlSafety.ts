// Judges SQL statement by statement from its tokens (strings, quoted names and comments never count as
// keywords): a statement is read-only only when it is a query (SELECT, WITH, SHOW, EXPLAIN, VALUES, TABLE) or
// sets a harmless session value, and nothing in it writes. One pass over the text.
import { Findings } from './verdict';

interface Token {
  /** Upper-cased for words; the character for punctuation; "\\cmd" for a psql meta-command. */
  text: string;
  kind: 'word' | 'punct' | 'meta';
  /** Parenthesis depth the token sits at. */
  depth: number;
}

const READ_LEADS = new Set(['SELECT', 'WITH', 'SHOW', 'EXPLAIN', 'VALUES', 'TABLE']);
const WRITE_LEADS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'ALTER', 'CREATE', 'GRANT', 'REVOKE', 'VACUUM', 'REINDEX', 'CLUSTER', 'COPY', 'CALL', 'DO', 'REFRESH', 'COMMENT', 'SECURITY', 'LOCK', 'IMPORT', 'DROP', 'TRUNCATE', 'ANALYZE']);
/** Session settings a read-only step may change (timeouts, display, search path). */
const HARMLESS_SETTINGS = new Set([
  'STATEMENT_TIMEOUT', 'LOCK_TIMEOUT', 'IDLE_IN_TRANSACTION_SESSION_TIMEOUT', 'SEARCH_PATH', 'TIMEZONE', 'TIME', 'WORK_MEM', 'APPLICATION_NAME',
  'DATESTYLE', 'INTERVALSTYLE', 'EXTRA_FLOAT_DIGITS', 'CLIENT_MIN_MESSAGES', 'JIT', 'ENABLE_SEQSCAN', 'ENABLE_INDEXSCAN', 'RANDOM_PAGE_COST', 'BYTEA_OUTPUT',
]);
const DROPPABLE = new Set(['TABLE', 'DATABASE', 'SCHEMA', 'INDEX', 'VIEW', 'SEQUENCE', 'FUNCTION', 'TYPE', 'ROLE', 'USER', 'EXTENSION', 'MATERIALIZED', 'COLUMN', 'OWNED', 'PROCEDURE', 'TRIGGER', 'POLICY']);
const DESTRUCTIVE_FUNCTIONS = new Set(['PG_TERMINATE_BACKEND', 'PG_CANCEL_BACKEND']);
/** Functions that act beyond the query even in a read-only transaction (other connections, files, server state). */
const ACTING_FUNCTIONS = new Set(['DBLINK', 'DBLINK_EXEC', 'DBLINK_SEND_QUERY', 'LO_EXPORT', 'LO_IMPORT', 'LO_UNLINK', 'PG_NOTIFY', 'PG_RELOAD_CONF', 'PG_ROTATE_LOGFILE', 'PG_PROMOTE', 'PG_SWITCH_WAL', 'PG_CREATE_RESTORE_POINT', 'PG_FILE_WRITE', 'SET_CONFIG', 'PG_ADVISORY_LOCK', 'PG_WAL_REPLAY_PAUSE']);
/** Words before DELETE/UPDATE that make them something else than a statement (ON DELETE CASCADE, FOR UPDATE, GRANT UPDATE …). */
const NOT_A_WRITE_AFTER = new Set(['ON', 'FOR', 'KEY', 'DO', 'BEFORE', 'AFTER', 'OR', 'OF', 'INSTEAD', 'GRANT', 'REVOKE', ',']);
/** psql meta-commands that only show things. */
const READ_META = /^\\(d[A-Za-z+]*|l\+?|list|conninfo|x|timing|pset|echo|q|quit|encoding|errverbose|\?|h|help|copyright|a|t|H|C|f|g|gx|watch)$/;

export function judgeSql(sql: string): Findings {
  const f = new Findings();
  for (const stmt of statements(tokenize(sql, f))) judgeStatement(stmt, f);
  return f;
}

function judgeStatement(tokens: Token[], f: Findings): void {
  const lead = tokens[0];
  if (lead.kind === 'meta') {
    if (!READ_META.test(lead.text)) f.add('unknown', `psql ${lead.text} is not known to be read-only`);
    return;
  }
  const pending: number[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Stryker disable next-line StringLiteral: equivalent, the first token has no previous one, and any text that is not FOR, KEY or a word of NOT_A_WRITE_AFTER reads the same.
    const prev = tokens[i - 1]?.text ?? '';
    const next = tokens[i + 1];
    // No meta-command sits inside a statement: statements() gives each one its own (judged above as the lead).
    if (t.kind === 'punct') {
      // A closing parenthesis ends the DELETE/UPDATE statements opened inside it.
      // Stryker disable next-line ConditionalExpression: equivalent, statements open at depth d+1 are all ended by the ")" that leaves it (and cleared below), so no other punctuation at depth d finds any.
      if (t.text === ')') unbounded(pending[t.depth + 1], tokens, f);
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent, clearing only keeps the list short: what it held was just reported, and findings say each reason once.
      if (t.text === ')') pending[t.depth + 1] = [];
      continue;
    }
    if (next?.text === '(' && DESTRUCTIVE_FUNCTIONS.has(t.text)) f.add('destructive', t.text.toLowerCase());
    else if (next?.text === '(' && ACTING_FUNCTIONS.has(t.text)) f.add('mutating', `${t.text.toLowerCase()}()`);
    if (t.text === 'TRUNCATE') f.add('destructive', 'TRUNCATE');
    if (t.text === 'DROP' && next && DROPPABLE.has(next.text)) f.add('destructive', 'DROP');
    if ((t.text === 'DELETE' || t.text === 'UPDATE') && !NOT_A_WRITE_AFTER.has(prev)) (pending[t.depth] ??= []).push(i);
    if (t.text === 'WHERE') pending[t.depth] = [];
    if ((t.text === 'INSERT' || t.text === 'MERGE' || t.text === 'DELETE' || t.text === 'UPDATE') && !NOT_A_WRITE_AFTER.has(prev)) f.add('mutating', t.text);
    if ((t.text === 'UPDATE' || t.text === 'SHARE') && (prev === 'FOR' || prev === 'KEY')) f.add('mutating', 'row locks (FOR UPDATE/SHARE)');
  }
  unbounded(pending[0], tokens, f);
  if (READ_LEADS.has(lead.text)) {
    // SELECT … INTO creates a table, after a WITH too (WITH x AS (…) SELECT * INTO t FROM x).
    if (tokens.some((t) => t.depth === 0 && t.text === 'INTO')) f.add('mutating', 'SELECT INTO');
    return;
  }
  if (lead.text === 'SET' || lead.text === 'RESET') {
    const name = tokens[1]?.text === 'SESSION' || tokens[1]?.text === 'LOCAL' ? tokens[2] : tokens[1];
    if (name && HARMLESS_SETTINGS.has(name.text)) return;
    return f.add('mutating', `${lead.text} ${name?.text ?? ''}`.trim());
  }
  if (WRITE_LEADS.has(lead.text)) return f.add('mutating', lead.text);
  f.add('unknown', `${lead.text} is not known to be read-only`);
}

/** DELETE/UPDATE statements (by token index) that ended without a WHERE. */
function unbounded(open: number[] | undefined, tokens: Token[], f: Findings): void {
  for (const i of open ?? []) f.add('destructive', `${tokens[i].text} without WHERE`);
}

/** Splits at semicolons; empty statements dropped. */
function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.text === ';') out.push([]); // only punctuation is ";": words are letters, meta-commands begin with a backslash
    else if (t.kind === 'meta') out.push([t], []);
    else out[out.length - 1].push(t);
  }
  return out.filter((s) => s.length > 0);
}

function tokenize(sql: string, f: Findings): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  const n = sql.length;
  const skipTo = (end: number) => {
    if (end === -1) {
      f.add('unknown', 'an unterminated string or comment');
      i = n;
    } else i = end;
  };
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) i++;
    else if (c === '-' && sql[i + 1] === '-') skipTo(sql.indexOf('\n', i) === -1 ? n : sql.indexOf('\n', i));
    else if (c === '/' && sql[i + 1] === '*') i = blockCommentEnd(sql, i, f);
    else if (c === "'" || ((c === 'E' || c === 'e') && sql[i + 1] === "'")) i = stringEnd(sql, c === "'" ? i : i + 1, c !== "'", f);
    else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      skipTo(end === -1 ? -1 : end + 1);
    } else if (c === '$') {
      // A dollar quote's tag never starts with a digit: "$1" (a parameter) is a lone "$", then a number.
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (!tag) i++;
      else {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        skipTo(end === -1 ? -1 : end + tag[0].length);
      }
    } else if (c === '\\' && /[A-Za-z?!]/.test(sql[i + 1] ?? '')) {
      // A psql meta-command takes the rest of its line.
      // Stryker disable next-line Regex: equivalent, the slice starts at the backslash and its next character was checked, so a match is at 0.
      const m = /^\\([A-Za-z]+\+?|[?!])/.exec(sql.slice(i, i + 40));
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the character after the backslash was checked above, so the name always matches.
      tokens.push({ text: m ? `\\${m[1]}` : '\\', kind: 'meta', depth });
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const start = i;
      // Stryker disable next-line EqualityOperator: equivalent, at i = n the text reads "undefined", which matches and ends the loop one step later with the same slice.
      while (i < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[i])) i++;
      tokens.push({ text: sql.slice(start, i).toUpperCase(), kind: 'word', depth });
    } else if (/[0-9.]/.test(c)) {
      // Stryker disable next-line EqualityOperator: equivalent, as above ("undefined" holds an e).
      while (i < n && /[0-9.eE]/.test(sql[i])) i++;
    } else {
      if (c === ')') depth = Math.max(0, depth - 1);
      tokens.push({ text: c, kind: 'punct', depth });
      if (c === '(') depth++;
      i++;
    }
  }
  return tokens;
}

function blockCommentEnd(sql: string, start: number, f: Findings): number {
  // PostgreSQL's block comments nest.
  let open = 0;
  let i = start;
  // Stryker disable next-line EqualityOperator: equivalent, at i = length no case matches and i++ ends the loop.
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      open++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      open--;
      i += 2;
      if (open === 0) return i;
    } else i++;
  }
  f.add('unknown', 'an unterminated string or comment');
  return sql.length;
}

function stringEnd(sql: string, quote: number, escapes: boolean, f: Findings): number {
  let i = quote + 1;
  // Stryker disable next-line EqualityOperator: equivalent, at i = length no case matches and i++ ends the loop.
  while (i < sql.length) {
    if (escapes && sql[i] === '\\') i += 2;
    else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
    else if (sql[i] === "'") return i + 1;
    else i++;
  }
  f.add('unknown', 'an unterminated string or comment');
  return sql.length;
}
