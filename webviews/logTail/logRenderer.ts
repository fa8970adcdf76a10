// Draws the visible slice of the filtered lines (a virtual list: only rows on screen exist in the DOM),
// colours each pod, marks WARN/ERROR lines and highlights filter matches. Text goes in via textContent.
import type { Entry, LogBuffer } from './logBuffer';

const ROW_PX = 18;
const OVERSCAN = 20;
export const POD_COLOURS = 8;

export class LogRenderer {
  private stick = true;
  private scheduled = false;
  /** buffer.appended when the reader left the end: what came after is "new" to them. */
  private leftAt = 0;
  showTimestamps = false;
  /** Told after each draw how many new lines wait below a reader who scrolled up (undefined at the end). */
  onNewBelow: (count: number | undefined) => void = () => undefined;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly spacer: HTMLElement,
    private readonly rows: HTMLElement,
    private readonly buffer: LogBuffer,
    private readonly label: (source: number) => string,
  ) {
    viewport.addEventListener('scroll', () => {
      const stick = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - ROW_PX * 2;
      if (this.stick && !stick) this.leftAt = this.buffer.appended;
      this.stick = stick;
      this.schedule();
    });
    new ResizeObserver(() => this.schedule()).observe(viewport);
  }

  /** At most one draw per frame, however many batches arrive. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.draw();
    });
  }

  scrollToEnd(): void {
    this.stick = true;
    this.schedule();
  }

  private draw(): void {
    const total = this.buffer.visible.length;
    const following = this.stick && !this.buffer.paused;
    // A reader scrolled up keeps the line they are reading still: the rows trimmed off the front take the
    // scroll position up with them (computed before the spacer shrinks and the browser clamps it).
    const trimmed = this.buffer.takeTrimmed();
    const readAt = Math.max(0, this.viewport.scrollTop - trimmed * ROW_PX);
    this.spacer.style.height = `${total * ROW_PX}px`;
    if (following) this.viewport.scrollTop = total * ROW_PX;
    else if (trimmed) this.viewport.scrollTop = readAt;
    this.onNewBelow(this.stick ? undefined : this.buffer.appended - this.leftAt);
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_PX) - OVERSCAN);
    const last = Math.min(total, Math.ceil((this.viewport.scrollTop + this.viewport.clientHeight) / ROW_PX) + OVERSCAN);
    this.rows.style.transform = `translateY(${first * ROW_PX}px)`;
    const frag = document.createDocumentFragment();
    const filter = this.buffer.currentFilter;
    for (let i = first; i < last; i++) {
      const e = this.buffer.entry(this.buffer.visible[i]);
      if (e) frag.appendChild(this.row(e, filter.ok ? filter : undefined));
    }
    this.rows.replaceChildren(frag);
  }

  private row(e: Entry, filter: { highlights(t: string): [number, number][] } | undefined): HTMLElement {
    const div = document.createElement('div');
    if (e.kind === 'notice') {
      div.className = `row notice ${e.level}`;
      div.textContent = `── ${new Date(e.time).toLocaleTimeString()} ${e.text}`;
      return div;
    }
    const src = this.buffer.sources.get(e.source);
    div.className = `row${/\b(ERROR|FATAL|PANIC)\b/.test(e.text) ? ' error' : /\bWARN(ING)?\b/.test(e.text) ? ' warn' : ''}`;
    const prefix = document.createElement('span');
    prefix.className = `src c${(src?.colour ?? 0) % POD_COLOURS}`;
    prefix.textContent = this.label(e.source);
    prefix.title = src ? `pod ${src.pod}, container ${src.container}` : '';
    div.appendChild(prefix);
    if (this.showTimestamps && e.ts) {
      const ts = document.createElement('span');
      ts.className = 'ts';
      ts.textContent = e.ts;
      div.appendChild(ts);
    }
    const text = document.createElement('span');
    text.className = 'text';
    const ranges = filter?.highlights(e.text) ?? [];
    let at = 0;
    for (const [s, end] of ranges) {
      if (s > at) text.appendChild(document.createTextNode(e.text.slice(at, s)));
      const mark = document.createElement('mark');
      mark.textContent = e.text.slice(s, end);
      text.appendChild(mark);
      at = end;
    }
    if (at < e.text.length) text.appendChild(document.createTextNode(e.text.slice(at)));
    div.appendChild(text);
    return div;
  }
}
