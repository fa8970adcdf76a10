// Label matching of the UI tests, by string or RegExp (waiting is test/shared/waitFor).

/** Exact match for a string, test() for a RegExp. */
export function matches(text: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? text === want : want.test(text);
}
