// Splits a command's arguments into flags and positional words the way getopt-style tools read them, and says
// when that cannot be told (an unknown flag that may or may not take the next word as its value).
import type { Word } from './shellSyntax';

export interface ArgSpec {
  /** Flags that take a value (`-n`, `--namespace`): the next word, or the rest after `=` / after a short flag. */
  value: ReadonlySet<string>;
  /** Flags known to take none. Anything else is unknown: whether the next word is its value is not known. */
  bool?: ReadonlySet<string>;
}

export interface Args {
  positional: Word[];
  /** Each flag's values in order (`true` for a flag without one). */
  flags: Map<string, Array<Word | true>>;
  /** Every flag with its value in command-line order: of two spellings (`-X` / `--request`) the one given last wins. */
  given: Array<[string, Word | true]>;
  /** How many positional words had been read when the first unknown flag came (Infinity: none came). */
  ambiguousFrom: number;
  /** A flag whose name comes from a variable (`-$F`, `--$OPT`): it may be any flag, `--context=prod` included. */
  flagFromVariable: boolean;
}

export function parseArgs(words: readonly Word[], spec: ArgSpec): Args {
  const positional: Word[] = [];
  const flags = new Map<string, Array<Word | true>>();
  const given: Array<[string, Word | true]> = [];
  let ambiguousFrom = Infinity;
  let flagFromVariable = false;
  const set = (name: string, v: Word | true) => {
    given.push([name, v]);
    const values = flags.get(name);
    if (values) values.push(v);
    else flags.set(name, [v]);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const t = w.text;
    // A word's literal start decides whether it is a flag: "--context=$CTX" is the flag with an unknown value.
    // Stryker disable next-line StringLiteral: equivalent, any stand-in for "no literal start" that does not begin with "-" reads the word as positional.
    const literal = w.dynamic ? (w.head ?? '') : t;
    // A lone "-" is a word (stdin); "-$F" is a flag whose name is not known until it runs.
    if (!literal.startsWith('-') || (literal === '-' && !w.dynamic)) {
      positional.push(w);
      continue;
    }
    if (w.dynamic) {
      const eq = literal.indexOf('=');
      if (eq !== -1) {
        // Stryker disable next-line ArithmeticOperator,MethodExpression: equivalent, every reader judges a value from a variable by `dynamic` alone and never reads its text.
        const value = { text: t.slice(eq + 1), dynamic: true };
        set(literal.slice(0, eq), value);
      } else {
        ambiguousFrom = Math.min(ambiguousFrom, positional.length);
        flagFromVariable = true;
      }
      continue;
    }
    if (t === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      if (eq !== -1) set(t.slice(0, eq), { text: t.slice(eq + 1), dynamic: w.dynamic });
      else if (spec.value.has(t)) {
        const v = words[++i];
        if (v) set(t, v);
      } else {
        if (!spec.bool?.has(t)) ambiguousFrom = Math.min(ambiguousFrom, positional.length);
        set(t, true);
      }
      continue;
    }
    // A cluster of short flags (-sSX POST): the first one that takes a value takes the rest, or the next word.
    for (let j = 1; j < t.length; j++) {
      const name = `-${t[j]}`;
      if (spec.value.has(name)) {
        const rest = t.slice(j + 1);
        if (rest) set(name, { text: rest.replace(/^=/, ''), dynamic: false });
        else {
          const v = words[++i];
          if (v) set(name, v);
        }
        break;
      }
      if (!spec.bool?.has(name)) ambiguousFrom = Math.min(ambiguousFrom, positional.length);
      // Stryker disable next-line BooleanLiteral: equivalent, a flag set here takes no value and only hasFlag() asks about it (flagValue() is asked only of flags that take one).
      set(name, true);
    }
  }
  return { positional, flags, given, ambiguousFrom, flagFromVariable };
}

/** The value given last on the command line to any of the names (`-X GET --request DELETE`: DELETE), or undefined. */
export function flagValue(args: Args, ...names: string[]): Word | true | undefined {
  for (let k = args.given.length - 1; k >= 0; k--) {
    const [name, value] = args.given[k];
    if (names.includes(name)) return value;
  }
  return undefined;
}

export function hasFlag(args: Args, ...names: string[]): boolean {
  return names.some((n) => args.flags.has(n));
}
