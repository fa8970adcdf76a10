// The log tail's include/exclude filter (plain text or regular expression, case-sensitive or not) and
// the match ranges to highlight. Pure: the webview uses it, unit tests check it.

export interface FilterSpec {
  include: string;
  exclude: string;
  regex: boolean;
  caseSensitive: boolean;
}

export type CompiledFilter =
  | {
      ok: true;
      /** Whether the filter is empty (every line passes). */
      empty: boolean;
      test(text: string): boolean;
      /** [start, end) ranges of include matches in `text`, for highlighting. */
      highlights(text: string): [number, number][];
    }
  | { ok: false; field: 'include' | 'exclude'; error: string };

export function compileFilter(spec: FilterSpec): CompiledFilter {
  const include = matcher(spec.include, spec);
  if (!include.ok) return { ok: false, field: 'include', error: include.error };
  const exclude = matcher(spec.exclude, spec);
  if (!exclude.ok) return { ok: false, field: 'exclude', error: exclude.error };
  const inc = include.re;
  const exc = exclude.re;
  return {
    ok: true,
    empty: !inc && !exc,
    test: (text) => (!inc || test(inc, text)) && (!exc || !test(exc, text)),
    highlights: (text) => {
      if (!inc) return [];
      const out: [number, number][] = [];
      inc.lastIndex = 0;
      for (let m = inc.exec(text); m; m = inc.exec(text)) {
        if (m[0].length === 0) {
          inc.lastIndex++;
          continue;
        }
        out.push([m.index, m.index + m[0].length]);
        if (out.length > 50) break;
      }
      return out;
    },
  };
}

function test(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  return re.test(text);
}

function matcher(text: string, spec: FilterSpec): { ok: true; re?: RegExp } | { ok: false; error: string } {
  if (!text) return { ok: true };
  const flags = spec.caseSensitive ? 'g' : 'gi';
  if (!spec.regex) return { ok: true, re: new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags) };
  try {
    return { ok: true, re: new RegExp(text, flags) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
