// A results table with column types, a row count and pages of rows behind "Show more".
import { type CellValue, isNumericColumn, type TableColumn } from '../../src/shared/runbookOutput';
import { el, plural } from '../shared/dom';

const PAGE = 50;

/** `name` labels the scrolling region ("SELECT result"): it takes keyboard focus, so arrows and Page Down scroll it. */
export function table(columns: TableColumn[], rows: CellValue[][], omitted: number, name: string): HTMLElement {
  const tbody = el('tbody');
  const wrap = el('div', { class: 'phx-table-wrap', tabindex: '0', role: 'region', 'aria-label': `${name}, ${plural(rows.length, 'row')}` }, el('table', { class: 'phx-table' }, el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { title: `${c.name}: ${c.type}`, ...(isNumericColumn(c) ? { class: 'phx-num' } : {}) }, c.name, el('span', { class: 'phx-type' }, c.type))))), tbody));
  const more = el('div', { class: 'phx-more' });
  let shown = 0;
  const showMore = () => {
    const next = rows.slice(shown, shown + PAGE);
    for (const r of next) tbody.append(el('tr', {}, ...r.map((v, i) => cell(v, columns[i]))));
    shown += next.length;
    more.replaceChildren();
    const left = rows.length - shown;
    if (left > 0) {
      const button = el('button', { class: 'phx-button', type: 'button' }, `Show ${Math.min(PAGE, left)} more`);
      button.addEventListener('click', showMore);
      more.append(button, `${plural(shown, 'row')} of ${rows.length.toLocaleString()} shown`);
    }
    if (omitted > 0) more.append(el('span', {}, `${plural(omitted, 'more row')} returned but not kept (row cap)`));
  };
  showMore();
  return el('div', {}, wrap, more);
}

function cell(v: CellValue, col: TableColumn | undefined): HTMLTableCellElement {
  if (v === null) return el('td', { class: 'phx-null' }, 'NULL');
  const text = String(v);
  return el('td', { ...(isNumericColumn(col) ? { class: 'phx-num' } : {}), title: text.length > 60 ? text.slice(0, 2000) : '' }, text);
}
