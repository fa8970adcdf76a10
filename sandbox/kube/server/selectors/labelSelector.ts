// Label selectors as the API server parses them (=, ==, !=, in, notin, exists, !exists, >, <),
// and the string form of a LabelSelector object (Scale status.selector, the wide SELECTOR column).

export type LabelOp = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}

export class SelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorError';
  }
}

type Token =
  | { t: 'id'; v: string }
  | { t: '=' | '==' | '!=' | '!' | '(' | ')' | ',' | '>' | '<' | 'eos'; v: string };

const SPECIAL = new Set(['=', '!', '(', ')', ',', '<', '>', ' ', '\t', '\n', '\r']);

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '=' || c === '!') {
      if (s[i + 1] === '=') {
        out.push({ t: c === '=' ? '==' : '!=', v: c + '=' });
        i += 2;
      } else {
        out.push({ t: c, v: c });
        i++;
      }
    } else if (c === '(' || c === ')' || c === ',' || c === '<' || c === '>') {
      out.push({ t: c, v: c });
      i++;
    } else {
      let j = i;
      while (j < s.length && !SPECIAL.has(s[j])) j++;
      out.push({ t: 'id', v: s.slice(i, j) });
      i = j;
    }
  }
  out.push({ t: 'eos', v: '' });
  return out;
}

const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(k: string): string {
  if (!KEY.test(k)) throw new SelectorError(`unable to parse requirement: invalid label key "${k}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return k;
}

function checkValue(v: string): string {
  if (v.length > 63 || !VALUE.test(v)) throw new SelectorError(`unable to parse requirement: invalid label value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
  return v;
}

/** Parses a label selector string; throws SelectorError with the server's wording on bad input. */
export function parseLabelSelector(input: string): LabelRequirement[] {
  const toks = tokenize(input);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const reqs: LabelRequirement[] = [];
  if (peek().t === 'eos') return reqs;
  for (;;) {
    let tok = next();
    if (tok.t === '!') {
      tok = next();
      if (tok.t !== 'id') throw new SelectorError(`found '${tok.v}', expected: identifier after '!'`);
      reqs.push({ key: checkKey(tok.v), op: '!', values: [] });
    } else if (tok.t === 'id') {
      const key = checkKey(tok.v);
      const op = peek();
      if (op.t === ',' || op.t === 'eos') {
        reqs.push({ key, op: 'exists', values: [] });
      } else if (op.t === '=' || op.t === '==' || op.t === '!=') {
        next();
        const v = peek().t === 'id' ? next().v : '';
        reqs.push({ key, op: op.t === '!=' ? '!=' : '=', values: [checkValue(v)] });
      } else if (op.t === '>' || op.t === '<') {
        next();
        const v = next();
        if (v.t !== 'id' || !/^-?\d+$/.test(v.v)) throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        reqs.push({ key, op: op.t === '>' ? 'gt' : 'lt', values: [v.v] });
      } else if (op.t === 'id' && (op.v === 'in' || op.v === 'notin')) {
        next();
        const open = next();
        if (open.t !== '(') throw new SelectorError(`found '${open.v}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          // "a in ()" and "a in (x,)" hold the empty value, as in apimachinery.
          values.push(checkValue(peek().t === 'id' ? next().v : ''));
          const sep = next();
          if (sep.t === ')') break;
          if (sep.t !== ',') throw new SelectorError(`found '${sep.v}', expected: ',' or ')'`);
        }
        reqs.push({ key, op: op.v, values: [...new Set(values)] });
      } else {
        throw new SelectorError(`found '${op.v}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    } else {
      throw new SelectorError(`found '${tok.v}', expected: !, identifier, or 'end of string'`);
    }
    const sep = next();
    if (sep.t === 'eos') return reqs;
    if (sep.t !== ',') throw new SelectorError(`found '${sep.v}', expected: ',' or 'end of string'`);
  }
}

export function matchesLabels(reqs: readonly LabelRequirement[], labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of reqs) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels[r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
        if (v !== r.values[0]) return false;
        break;
      case '!=':
        if (has && v === r.values[0]) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const n = Number(v);
        const limit = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > limit) : !(n < limit)) return false;
        break;
      }
    }
  }
  return true;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.FormatLabelSelector: requirements sorted by key, "<none>" when empty. */
export function formatLabelSelector(sel: LabelSelectorObject | undefined): string {
  if (!sel) return '<none>';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In' ? `${e.key} in (${values})`
      : e.operator === 'NotIn' ? `${e.key} notin (${values})`
      : e.operator === 'Exists' ? e.key
      : e.operator === 'DoesNotExist' ? `!${e.key}`
      : '<error>';
    parts.push({ key: e.key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const s = parts.map((p) => p.text).join(',');
  return s || '<none>';
}

/** The selector string of a LabelSelector object, '' for an empty one (Scale status.selector). */
export function labelSelectorString(sel: LabelSelectorObject | undefined): string {
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

/** labels.FormatLabels: "k=v" sorted by key, "<none>" when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** Whether a LabelSelector object selects these labels (for matching owners and dependents). */
export function selectorObjectMatches(sel: LabelSelectorObject | undefined, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (!sel) return false;
  const s = labelSelectorString(sel);
  return matchesLabels(parseLabelSelector(s), labels);
}
