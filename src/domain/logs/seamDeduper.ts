// Where one container's log stream has got to, so a reconnect resumes from the last timestamp and the
// overlap at the seam (the API resumes from a whole second) is dropped: no line lost, none twice. Pure.
import type { TimedLine } from './logLine';

export class StreamPosition {
  private lastKey = '';
  private lastTsValue = '';
  /** Texts already delivered with exactly lastKey (two lines may share a timestamp). */
  // Stryker disable next-line ArrayDeclaration: equivalent, the first timed line replaces it before it is read
  private atLast: string[] = [];
  /** After a reconnect, until the first line past the seam. */
  // Stryker disable next-line BooleanLiteral: equivalent, with no position every timed line is past the seam and ends it
  private seam = false;
  /** The lines at lastKey the resumed stream has yet to repeat (consumed as they come again). */
  // Stryker disable next-line ArrayDeclaration: equivalent, beginSeam() sets it before a seam reads it
  private pending: string[] = [];

  get lastTs(): string {
    return this.lastTsValue;
  }

  get hasPosition(): boolean {
    return this.lastKey !== '';
  }

  /** Call before reading a resumed stream (same container instance or its successor). */
  beginSeam(): void {
    // (`true` here would be equivalent too, but marking ConditionalExpression would also hide `false`, which tests kill.)
    // Stryker disable next-line StringLiteral: equivalent, a seam without a position ends at the first timed line
    this.seam = this.lastKey !== '';
    this.pending = [...this.atLast];
  }

  /** True when the line is new and should be delivered; records it as the position. */
  accept(line: TimedLine): boolean {
    if (!line.key) return true; // untimed lines cannot be de-duplicated; never drop them
    if (this.seam) {
      if (line.key < this.lastKey) return false;
      if (line.key === this.lastKey) {
        const i = this.pending.indexOf(line.text);
        if (i >= 0) {
          this.pending.splice(i, 1);
          return false;
        }
      } else {
        this.seam = false;
        // Stryker disable next-line ArrayDeclaration: equivalent, pending is read only during a seam, and the next seam sets it
        this.pending = [];
      }
    }
    if (line.key === this.lastKey) this.atLast.push(line.text);
    else {
      this.lastKey = line.key;
      this.lastTsValue = line.ts;
      this.atLast = [line.text];
    }
    return true;
  }
}
