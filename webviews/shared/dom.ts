// Tiny DOM helpers for the webviews (no framework: outputs and panels are small and mostly static).

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Node[]): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

export function ms(n: number): string {
  return n < 1000 ? `${n} ms` : `${(n / 1000).toFixed(2)} s`;
}

/** "1 row", "3 rows"; words whose plural is themselves ("series") stay as they are. */
export function plural(n: number, word: string): string {
  const many = word.endsWith('s') ? word : `${word}s`;
  return `${n.toLocaleString()} ${n === 1 ? word : many}`;
}

let nextId = 0;
/** A document-unique id for aria-labelledby and friends. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++nextId}`;
}
