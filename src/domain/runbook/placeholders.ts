// Placeholders in runbook steps — <pod-name>, $VARS the session lacks, {{VAR}} in HTTP — found, named as
// environment variables, and put in without splicing values into shell text (shell) or SQL (bind parameters).
import type { ExecutorKind } from './cellLanguages';

export interface Placeholder {
  /** As written: "<pod-name>", "$DB_HOST", "{{EXPERIMENT_ID}}". */
  token: string;
  /** The environment variable / parameter name: POD_NAME, DB_HOST, EXPERIMENT_ID. */
  name: string;
}

const ANGLE = /<([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)>/g;
/** Walks SQL so placeholders inside comments, longer string literals and dollar quotes are left alone: '<x>' or <x> only. */
const SQL_WALK = /--[^\n]*|\/\*[\s\S]*?\*\/|'<([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)>'|'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_][A-Za-z0-9_]*)?\$[\s\S]*?\$\2\$|<([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)>/g;
const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const SHELL_BUILTINS = new Set([
  'RANDOM', 'LINENO', 'SECONDS', 'HOSTNAME', 'HOSTTYPE', 'UID', 'EUID', 'PPID', 'PWD', 'OLDPWD', 'IFS', 'REPLY', 'HOME', 'PATH', 'USER',
  'SHELL', 'BASHPID', 'BASH', 'BASH_VERSION', 'BASH_SOURCE', 'BASH_REMATCH', 'FUNCNAME', 'PIPESTATUS', 'OPTARG', 'OPTIND', 'OSTYPE', 'MACHTYPE',
  'GROUPS', 'SHLVL', 'TMPDIR', 'TERM', 'LANG', 'EPOCHSECONDS', 'EPOCHREALTIME',
]);

/** "<pod-name>" → "POD_NAME". */
export function placeholderName(token: string): string {
  // Stryker disable next-line Regex: equivalent, every token comes from ANGLE or SQL_WALK, so it holds one "<" (first) and one ">" (last).
  return token.replace(/^<|>$/g, '').replace(/[-]/g, '_').toUpperCase();
}

/** The placeholders a step needs values for, in order of first use, each once. `known(name)` says the session has it. */
export function findPlaceholders(kind: ExecutorKind, text: string, known: (name: string) => boolean): Placeholder[] {
  const found = new Map<string, Placeholder>();
  const add = (token: string, name: string) => {
    if (!found.has(name) && !known(name)) found.set(name, { token, name });
  };
  if (kind === 'shell') {
    for (const seg of shellSegments(text)) {
      if (seg.quoting === 'literal') continue;
      for (const m of seg.text.matchAll(ANGLE)) add(m[0], placeholderName(m[0]));
    }
    const assigned = assignedNames(text);
    for (const v of shellVariables(text)) if (!assigned.has(v) && !SHELL_BUILTINS.has(v)) add(`$${v}`, v);
  } else if (kind === 'sql') {
    for (const m of text.matchAll(SQL_WALK)) {
      const name = m[1] ?? m[3];
      if (name) add(`<${name}>`, placeholderName(`<${name}>`));
    }
  } else if (kind !== 'interpreter') {
    // (An interpreter's program is passed as written: "<T>" in it is code, not a placeholder.)
    for (const m of text.matchAll(ANGLE)) add(m[0], placeholderName(m[0]));
    if (kind === 'http') for (const m of text.matchAll(TEMPLATE)) add(m[0], m[1]);
  }
  return [...found.values()];
}

/** Shell text with each <placeholder> turned into a quoted reference to its variable: the value never becomes code. */
export function rewriteShell(script: string): string {
  return shellSegments(script)
    .map((seg) => {
      if (seg.quoting === 'literal') return seg.text;
      return seg.text.replace(ANGLE, (tok) => {
        const ref = `\${${placeholderName(tok)}}`;
        if (seg.quoting === 'single') return `'"${ref}"'`;
        if (seg.quoting === 'double' || seg.quoting === 'heredoc') return ref;
        return `"${ref}"`;
      });
    })
    .join('');
}

/** SQL with '<x>' and <x> replaced by $1, $2 … (the same name reuses its number), and the values in order. */
export function bindSql(sql: string, values: Record<string, string>): { text: string; params: string[] } {
  const numbers = new Map<string, number>();
  const params: string[] = [];
  const bind = (tok: string) => {
    const name = placeholderName(tok);
    let n = numbers.get(name);
    if (n === undefined) {
      params.push(values[name] ?? '');
      n = params.length;
      numbers.set(name, n);
    }
    return `$${n}`;
  };
  let out = '';
  let last = 0;
  for (const m of sql.matchAll(SQL_WALK)) {
    out += sql.slice(last, m.index);
    if (m[1]) out += bind(`<${m[1]}>`);
    else if (m[3]) out += bind(`<${m[3]}>`);
    else out += m[0];
    last = m.index + m[0].length;
  }
  return { text: out + sql.slice(last), params };
}

/** {{VAR}} and <x> filled in from `values`, each value passed through `encode` (URL-encoding, escaping). */
export function fillTemplate(text: string, values: Record<string, string>, encode: (value: string, token: string) => string = (v) => v): string {
  return text.replace(TEMPLATE, (tok, name: string) => (values[name] !== undefined ? encode(values[name], tok) : tok)).replace(ANGLE, (tok) => {
    const v = values[placeholderName(tok)];
    return v !== undefined ? encode(v, tok) : tok;
  });
}

type Quoting = 'none' | 'single' | 'double' | 'heredoc' | 'literal';

/** Shell text cut where its quoting changes: what is in single quotes or a quoted heredoc is literal. */
function shellSegments(script: string): Array<{ text: string; quoting: Quoting }> {
  const segs: Array<{ text: string; quoting: Quoting }> = [];
  let i = 0;
  let start = 0;
  let mode: Quoting = 'none';
  const pendingHeredocs: Array<{ delim: string; quoted: boolean }> = [];
  const cut = (to: number, next: Quoting) => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, an empty segment adds no text and no placeholder.
    if (to > start) segs.push({ text: script.slice(start, to), quoting: mode });
    start = to;
    mode = next;
  };
  // Stryker disable next-line EqualityOperator: equivalent, one more turn past the end reads no character and changes no mode.
  while (i < script.length) {
    const c = script[i];
    if (mode === 'none') {
      if (c === '\\') i += 2;
      else if (c === "'") {
        cut(i + 1, 'single');
        i++;
      } else if (c === '"') {
        cut(i + 1, 'double');
        i++;
      } else if (c === '#' && (i === 0 || /\s/.test(script[i - 1]))) {
        const nl = script.indexOf('\n', i);
        i = nl === -1 ? script.length : nl;
      } else if (script.startsWith('<<', i)) {
        // (A here-string, <<<word, names no delimiter: its word is read like any other and no body follows.)
        const m = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(script.slice(i));
        if (m) pendingHeredocs.push({ delim: m[2], quoted: m[1] !== '' });
        i += m ? m[0].length : 2;
      } else if (c === '\n' && pendingHeredocs.length) {
        const h = pendingHeredocs.shift();
        if (!h) break;
        cut(i + 1, h.quoted ? 'literal' : 'heredoc');
        const end = new RegExp(`^\\t*${h.delim}$`, 'm');
        const rest = script.slice(i + 1);
        const m = end.exec(rest);
        const stop = m ? i + 1 + m.index : script.length;
        cut(stop, 'none');
        i = stop;
      } else i++;
    } else if (mode === 'single') {
      if (c === "'") {
        cut(i, 'none');
        i++;
      } else i++;
    } else {
      // Double quotes (a heredoc's body is cut back to none as soon as it is read, so no other mode gets here).
      if (c === '\\') i += 2;
      else if (c === '"') {
        cut(i, 'none');
        i++;
      } else i++;
    }
  }
  cut(script.length, 'none');
  return segs;
}

/**
 * Names the script expands ($NAME, ${NAME}, ${#NAME}, ${NAME%suffix}, ${NAME:0:3} …), outside single quotes;
 * ${NAME:-default} and friends bring their own value.
 */
function shellVariables(script: string): string[] {
  const names: string[] = [];
  for (const seg of shellSegments(script)) {
    if (seg.quoting === 'single' || seg.quoting === 'literal') continue;
    for (const m of seg.text.matchAll(/(\\?)\$(?:\{#?([A-Za-z_][A-Za-z0-9_]*)(:?[-=?+])?|([A-Za-z_][A-Za-z0-9_]*))/g)) {
      if (m[1]) continue; // \$NAME is a literal dollar
      if (m[3]) continue; // ${NAME:-default}, ${NAME=value}, ${NAME?error}, ${NAME+alt}
      names.push(m[2] ?? m[4]);
    }
  }
  return names;
}

/** Names the script itself sets: NAME=…, export/local/readonly/declare NAME …, for NAME in, read NAME …; a list of names ends with its line. */
function assignedNames(script: string): Set<string> {
  const names = new Set<string>();
  // Only where a command starts (line start, after ; & | ( { ! or a keyword), possibly after other assignments:
  // `curl -d token=$token` passes an argument and sets nothing, so $token must still be asked for. Not after a
  // closing ) } or ` (`$(cat f) token=$t`, `${A} B=$B`): there a name= is an argument, and asking is the safe side.
  // Each piece of a value has one reading only (`$(` starts a substitution, never two characters), else a value of
  // many `$(…)` would be tried every way before a failing match gives up: exponential in their number.
  for (const m of script.matchAll(/(?:^|[;&|({!]|\b(?:then|do|else|if|elif|while|until|time)\b)[ \t]*((?:[A-Za-z_][A-Za-z0-9_]*\+?=(?:'[^']*'|"[^"]*"|\$\([^)]*\)|\$(?!\()|[^\s;&|'"$])*[ \t]+)*)([A-Za-z_][A-Za-z0-9_]*)\+?=/gm)) {
    for (const earlier of m[1].matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)\+?=/g)) names.add(earlier[1]);
    names.add(m[2]);
  }
  for (const m of script.matchAll(/\b(?:export|local|readonly|declare)\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*(?:[ \t]+[A-Za-z_][A-Za-z0-9_]*)*)/g)) {
    // Stryker disable next-line Regex: equivalent, splitting at each single space only adds "" names, which no $NAME is.
    for (const n of m[1].split(/\s+/)) names.add(n);
  }
  for (const m of script.matchAll(/\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b/g)) names.add(m[1]);
  // read's options -d -p -t -n -N -u take an argument (a quoted prompt may hold spaces); the names follow the options.
  for (const m of script.matchAll(/\bread\s+(?:-[a-zA-Z]*[dptnNu]\s+(?:'[^']*'|"[^"]*"|\S+)\s+|-[a-zA-Z]+\s+)*([A-Za-z_][A-Za-z0-9_]*(?:[ \t]+[A-Za-z_][A-Za-z0-9_]*)*)/g)) {
    // Stryker disable next-line Regex: equivalent, splitting at each single space only adds "" names, which no $NAME is.
    for (const n of m[1].split(/\s+/)) names.add(n);
  }
  return names;
}
