// A step line (a threshold, a canary weight) only needs the points where its value changes and the end of each run.
// uPlot's path builder draws every point it is given, so 100,000 samples of "5 %" would cost 200,000 canvas segments.

/**
 * The held points of a step series become `undefined`, which uPlot steps over without a gap (`null` still breaks the
 * line): kept are the first and last point, every null, and each point whose value differs from either neighbour.
 */
export function stepPoints(values: ReadonlyArray<number | null>): Array<number | null | undefined> {
  const out: Array<number | null | undefined> = new Array<number | null | undefined>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || i === 0 || i === values.length - 1 || v !== values[i - 1] || v !== values[i + 1] ? v : undefined;
  }
  return out;
}
