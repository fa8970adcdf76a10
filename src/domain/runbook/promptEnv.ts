// Runme's promptEnv: before a shell cell runs, the variables it exports with a literal value are asked for (the
// value written is the question's default or hint), and the answers go into the session in place of those export
// statements. The rules follow Runme's program resolver (runme command/program_resolver.go) and its VS Code
// extension (schema.ts, executors/runner): only top-level `export NAME=<literal>` statements count; a value with an
// expansion ($VAR, $(…), `…`) runs as written; a quoted value is a placeholder (offered as the answer), an unquoted
// one a message (shown as a hint); a variable the session already has is kept, not asked (unless promptEnv=yes).

export type PromptEnvMode = 'auto' | 'always' | 'never';

/**
 * The cell's promptEnv attribute as Runme's VS Code extension reads it (commas and runs of spaces dropped, any case):
 * false/no/never → never, true/yes/always → always, ""/auto/absent → auto; a number is its enum value (0 auto,
 * 1 always, 2 never); anything else → auto. Front matter skipPrompts: true wins over every cell.
 */
export function promptEnvMode(value: string | undefined, skipPrompts: boolean): PromptEnvMode {
  if (skipPrompts) return 'never';
  const v = (value ?? '').trim().replace(/ {2,}/g, '').replace(/,/g, '').toLowerCase();
  if (['false', 'no', 'never', '2'].includes(v)) return 'never';
  if (['true', 'yes', 'always', '1'].includes(v)) return 'always';
  return 'auto';
}

/** Names whose values are secrets: asked in a password box, never shown in outputs, notes or the audit log. */
export function isSecretName(name: string): boolean {
  return /TOKEN|PASSWORD|PASSWD|SECRET|CREDENTIAL|API_?KEY|PRIVATE_?KEY/i.test(name);
}

/** One export statement of the cell, read. */
export interface ExportStatement {
  name: string;
  /**
   * What the cell wrote as the value: `placeholder` when quoted ("…" or '…', offered as the answer), `message` when
   * not (a hint such as `Insert kubeconfig file path`), `empty` for `export NAME=` or `export NAME=""`.
   */
  kind: 'placeholder' | 'message' | 'empty';
  original: string;
  /** Offsets of the statement in the script, [start, end). */
  start: number;
  end: number;
}

/** A question to ask before the cell runs. */
export interface EnvPrompt {
  name: string;
  /** Prefilled in the box (a placeholder, or the session's value with promptEnv=yes); the user edits or accepts it. */
  value?: string;
  /** Grey hint text in the empty box. */
  hint: string;
  secret: boolean;
}

export interface PromptEnvPlan {
  prompts: EnvPrompt[];
  /** Names the session already has (auto): their export statements are dropped, their values stay. */
  kept: string[];
  /** The script with every handled export statement replaced by `:` (line numbers unchanged). */
  script: string;
}

export interface PromptEnvContext {
  /** The session's current value of a variable, undefined when it has none. */
  sessionValue(name: string): string | undefined;
  /** Variables the cockpit sets (KUBECONFIG, PG*, PROMETHEUS_URL …): their exports always run as written. */
  cockpitVariable(name: string): boolean;
}

/** What to ask for a cell, and the script to run once the answers are in the session. */
export function planPromptEnv(script: string, mode: PromptEnvMode, ctx: PromptEnvContext): PromptEnvPlan {
  if (mode === 'never') return { prompts: [], kept: [], script };
  const prompts: EnvPrompt[] = [];
  const kept: string[] = [];
  const handled: ExportStatement[] = [];
  for (const st of exportStatements(script)) {
    if (ctx.cockpitVariable(st.name)) continue;
    handled.push(st);
    const secret = isSecretName(st.name);
    const current = ctx.sessionValue(st.name);
    if (mode === 'auto' && current !== undefined) {
      kept.push(st.name);
      continue;
    }
    const hint = st.original || `a value for ${st.name}`;
    // Runme offers a quoted value (or, with promptEnv=yes, the session's value) as the answer; never a secret's.
    const offered = secret ? undefined : current !== undefined ? current : st.kind === 'placeholder' ? st.original : undefined;
    prompts.push({ name: st.name, hint: secret ? `${st.name} (hidden as you type)` : hint, secret, ...(offered !== undefined ? { value: offered } : {}) });
  }
  return { prompts, kept, script: blankStatements(script, handled) };
}

/** Each handled statement becomes `:` followed by the newlines it spanned, so errors still name the right line. */
function blankStatements(script: string, statements: ExportStatement[]): string {
  let out = '';
  let last = 0;
  for (const st of statements) {
    out += script.slice(last, st.start) + ':' + '\n'.repeat((script.slice(st.start, st.end).match(/\n/g) ?? []).length);
    last = st.end;
  }
  return out + script.slice(last);
}

interface WordPart {
  kind: 'lit' | 'dq' | 'sq' | 'expr';
  text: string;
}

const NAME_ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)(=|$)/;
const OPENERS = new Set(['if', 'for', 'while', 'until', 'case', 'select', '{']);
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
/** Words after which the next word is again a command name. */
const LEADERS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', '{']);

/**
 * The top-level `export NAME[=value] [message words]` statements Runme would prompt for: not inside a compound
 * command, a subshell or a function; ended by a newline, `;` or the end (not part of `&&`, `||`, `|`, `&`); NAME set
 * with `=` (not `+=`, no options); no expansion in the value; further words only plain text (Runme reads them as part
 * of the message). Every other statement is left to run as written.
 */
export function exportStatements(script: string): ExportStatement[] {
  const found: ExportStatement[] = [];
  const r = new Reader(script);
  let depth = 0;
  let parens = 0;
  let commandStart = true;
  // A new statement (not the right side of &&, || or |, which Runme reads as part of the statement before).
  let statementStart = true;
  while (!r.done()) {
    r.skipBlanks();
    if (r.done()) break;
    const c = r.peek();
    if (c === '#') {
      r.skipComment();
      continue;
    }
    if (c === '\n') {
      r.newline();
      commandStart = true;
      statementStart = true;
      continue;
    }
    const op = r.operator();
    if (op) {
      if (op === '(') parens++;
      else if (op === ')') parens = Math.max(0, parens - 1);
      commandStart = op !== ')' ? true : commandStart;
      statementStart = op === ';' || op === ';;' || op === '&';
      continue;
    }
    const start = r.pos;
    const word = r.word();
    const wasStatementStart = statementStart;
    statementStart = false;
    if (commandStart && wasStatementStart && depth === 0 && parens === 0 && word.raw === 'export') {
      const st = readExport(r, start);
      if (st) found.push(st);
      commandStart = true;
      continue;
    }
    if (commandStart) {
      if (OPENERS.has(word.raw)) depth++;
      else if (CLOSERS.has(word.raw)) depth = Math.max(0, depth - 1);
      commandStart = LEADERS.has(word.raw) || CLOSERS.has(word.raw);
    }
  }
  return found;
}

/** After `export`: the statement's words up to its end; the statement when Runme would prompt for it. */
function readExport(r: Reader, start: number): ExportStatement | undefined {
  const words: Array<{ raw: string; parts: WordPart[] }> = [];
  for (;;) {
    r.skipBlanks();
    if (r.done() || r.peek() === '\n' || r.peek() === '#') break;
    if (r.operatorAhead()) break;
    words.push(r.word());
  }
  const end = r.pos;
  const terminator = r.done() ? '' : r.peek();
  // Part of a list or pipeline (&&, ||, |, &): the shell decides whether it runs; left as written.
  if (terminator !== '' && terminator !== '\n' && terminator !== ';' && terminator !== '#') return undefined;
  if (terminator === ';' && r.peekAt(1) === ';') return undefined;
  const [first, ...rest] = words;
  if (!first) return undefined;
  const lead = first.parts[0];
  if (!lead || lead.kind !== 'lit') return undefined;
  const m = NAME_ASSIGN.exec(lead.text);
  // `export NAME` (no value) exports what the session has: nothing to ask.
  if (!m || m[2] !== '=') return undefined;
  const value: WordPart[] = [{ kind: 'lit' as const, text: lead.text.slice(m[0].length) }, ...first.parts.slice(1)].filter((p) => p.kind !== 'lit' || p.text !== '');
  if (value.some((p) => p.kind === 'expr')) return undefined;
  // More words: Runme reads plain ones as the rest of a message; another assignment or an expansion is left alone.
  if (rest.some((w) => w.parts.some((p) => p.kind === 'expr') || /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(w.raw))) return undefined;
  const fragments = [...value, ...rest.flatMap((w) => w.parts)].map((p) => p.text).filter((t) => t !== '');
  const quoted = [...value, ...rest.flatMap((w) => w.parts)].some((p) => (p.kind === 'dq' || p.kind === 'sq') && p.text !== '');
  let original = fragments.join(' ');
  if (!quoted) original = original.replace(/\\([(){}[\]])/g, '$1');
  return { name: m[1], kind: original === '' ? 'empty' : quoted ? 'placeholder' : 'message', original, start, end };
}

/** A character reader for shell text: words with their quoting, operators, comments, heredoc bodies skipped. */
class Reader {
  pos = 0;
  private heredocs: Array<{ delim: string; strip: boolean }> = [];

  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }

  peek(): string {
    return this.s[this.pos];
  }

  peekAt(n: number): string | undefined {
    return this.s[this.pos + n];
  }

  skipBlanks(): void {
    for (;;) {
      const c = this.s[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.s[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  skipComment(): void {
    while (!this.done() && this.peek() !== '\n') this.pos++;
  }

  /** At a newline: past it, and past the bodies of heredocs that started on this line. */
  newline(): void {
    this.pos++;
    for (const h of this.heredocs.splice(0)) {
      for (;;) {
        if (this.done()) return;
        const nl = this.s.indexOf('\n', this.pos);
        const line = this.s.slice(this.pos, nl === -1 ? this.s.length : nl);
        this.pos = nl === -1 ? this.s.length : nl + 1;
        if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delim) break;
      }
    }
  }

  operatorAhead(): boolean {
    return /^(&&|\|\||;;|[;&|()]|<|>)/.test(this.s.slice(this.pos, this.pos + 2)) && !/^<\(|^>\(/.test(this.s.slice(this.pos, this.pos + 2));
  }

  /** A control operator or redirection at the reader, consumed; undefined when a word starts here. */
  operator(): string | undefined {
    const rest = this.s.slice(this.pos, this.pos + 3);
    if (rest === '<<<') {
      this.pos += 3;
      return rest;
    }
    const heredoc = /^<<(-?)/.exec(rest);
    if (heredoc) {
      this.pos += heredoc[0].length;
      this.skipBlanks();
      const w = this.word();
      this.heredocs.push({ delim: w.parts.map((p) => p.text).join(''), strip: heredoc[1] === '-' });
      return '<<';
    }
    const m = /^(&&|\|\||;;|>>|[;&|()<>])/.exec(rest);
    if (!m || /^<\(|^>\(/.test(rest)) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  /** One word: its text as written and its parts after quote removal ($… and `…` as expr). */
  word(): { raw: string; parts: WordPart[] } {
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit });
      lit = '';
    };
    while (!this.done()) {
      const c = this.peek();
      // Metacharacters end a word (a lone paren is an operator; `name(` starts a function definition).
      if (c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')' || c === '(') break;
      if ((c === '<' || c === '>') && this.peekAt(1) === '(') {
        flush();
        parts.push({ kind: 'expr', text: this.balanced(this.pos + 1, '(', ')') });
        continue;
      }
      if (c === '<' || c === '>') break;
      if (c === '\\') {
        if (this.peekAt(1) === '\n') this.pos += 2;
        else {
          lit += this.s.slice(this.pos, this.pos + 2);
          this.pos += 2;
        }
        continue;
      }
      if (c === "'") {
        flush();
        const close = this.s.indexOf("'", this.pos + 1);
        const stop = close === -1 ? this.s.length : close;
        parts.push({ kind: close === -1 ? 'expr' : 'sq', text: this.s.slice(this.pos + 1, stop) });
        this.pos = stop + 1;
        continue;
      }
      if (c === '"') {
        flush();
        parts.push(this.doubleQuoted());
        continue;
      }
      if (c === '$' || c === '`') {
        flush();
        parts.push({ kind: 'expr', text: this.expansion() });
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return { raw: this.s.slice(start, this.pos), parts };
  }

  /** "…": literal text, or expr when it holds an expansion (or never closes). */
  private doubleQuoted(): WordPart {
    const open = this.pos;
    let i = open + 1;
    let expr = false;
    while (i < this.s.length && this.s[i] !== '"') {
      const c = this.s[i];
      if (c === '\\') i += 2;
      else if (c === '$' || c === '`') {
        expr = true;
        this.pos = i;
        this.expansion();
        i = this.pos;
      } else i++;
    }
    const closed = i < this.s.length;
    const body = this.s.slice(open + 1, Math.min(i, this.s.length));
    this.pos = Math.min(i + 1, this.s.length);
    return { kind: expr || !closed ? 'expr' : 'dq', text: body };
  }

  /** $NAME, ${…}, $(…), $((…)), `…` at the reader: consumed, returned as written. */
  private expansion(): string {
    const start = this.pos;
    const c = this.peek();
    if (c === '`') {
      let i = this.pos + 1;
      while (i < this.s.length && this.s[i] !== '`') i += this.s[i] === '\\' ? 2 : 1;
      this.pos = Math.min(i + 1, this.s.length);
    } else if (this.peekAt(1) === '(') this.balanced(this.pos + 1, '(', ')');
    else if (this.peekAt(1) === '{') this.balanced(this.pos + 1, '{', '}');
    else {
      this.pos++;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(this.s.slice(this.pos));
      this.pos += m ? m[0].length : 0;
    }
    return this.s.slice(start, this.pos);
  }

  /** From an opening bracket at `open` to its match (quotes inside skipped); the reader ends after it. */
  private balanced(open: number, o: string, cl: string): string {
    let depth = 0;
    let i = open;
    while (i < this.s.length) {
      const c = this.s[i];
      if (c === '\\') i += 2;
      else if (c === "'") {
        const close = this.s.indexOf("'", i + 1);
        i = close === -1 ? this.s.length : close + 1;
      } else if (c === '"') {
        i++;
        while (i < this.s.length && this.s[i] !== '"') i += this.s[i] === '\\' ? 2 : 1;
        i++;
      } else {
        if (c === o) depth++;
        else if (c === cl && --depth === 0) {
          i++;
          break;
        }
        i++;
      }
    }
    const start = this.pos;
    this.pos = Math.min(i, this.s.length);
    return this.s.slice(start, this.pos);
  }
}
