// Extends VS Code's markdown cell renderer: task-list items (- [ ] / - [x]) become checkboxes whose clicks
// are posted to the extension, which ticks exactly that character in the cell.
import type { ToggleTaskMessage } from '../../src/shared/runbookOutput';
import type { RendererContext } from '../rendererApi';

interface Token {
  type: string;
  content: string;
  map: [number, number] | null;
  children: Token[] | null;
}
interface TokenConstructor {
  new (type: string, tag: string, nesting: number): Token;
}
interface CoreState {
  src: string;
  tokens: Token[];
  Token: TokenConstructor;
}
interface MarkdownIt {
  core: { ruler: { push(name: string, rule: (state: CoreState) => void): void } };
}
interface MarkdownItRenderer {
  extendMarkdownIt(fn: (md: MarkdownIt) => void): void;
}

/** Cell sources by id, so a click can say which cell it was in (kept small: only recent renders matter). */
const sources = new Map<number, string>();
let nextId = 1;

function remember(src: string): number {
  const id = nextId++;
  sources.set(id, src);
  if (sources.size > 500) sources.delete(sources.keys().next().value as number);
  return id;
}

function taskRule(state: CoreState): void {
  let srcId = 0;
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const inline = tokens[i];
    if (inline.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
    const m = /^\[([ xX])\][ \t]/.exec(inline.content);
    const first = inline.children?.[0];
    const line = tokens[i - 2].map?.[0];
    if (!m || !first || first.type !== 'text' || line === undefined) continue;
    srcId ||= remember(state.src);
    first.content = first.content.replace(/^\[[ xX]\][ \t]/, '');
    const box = new state.Token('html_inline', '', 0);
    // Named by the item's own words (a screen reader says "Verify all pods are running, checkbox"), not by the hint.
    const name = attribute(inline.content.slice(m[0].length).replace(/[*_`~]/g, '').trim());
    box.content = `<input type="checkbox" class="phx-task" data-src="${srcId}" data-line="${line}"${m[1] === ' ' ? '' : ' checked'} aria-label="${name}" title="Tick to update the runbook file"> `;
    inline.children?.unshift(box);
  }
}

/** Text as an HTML attribute value (the item's words are the runbook author's text, never markup). */
function attribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function activate(ctx: RendererContext<ToggleTaskMessage>): Promise<void> {
  const markdown = (await ctx.getRenderer('vscode.markdown-it-renderer')) as MarkdownItRenderer | undefined;
  if (!markdown) throw new Error('The markdown renderer is not available: task lists stay plain text.');
  markdown.extendMarkdownIt((md) => md.core.ruler.push('phoenix_task_lists', taskRule));
  // Markdown cells render in shadow roots; clicks are composed, so the document sees them.
  document.addEventListener(
    'click',
    (e) => {
      const target = e.composedPath()[0];
      if (!(target instanceof HTMLInputElement) || !target.classList.contains('phx-task')) return;
      e.stopPropagation();
      const source = sources.get(Number(target.dataset.src));
      if (source === undefined || !ctx.postMessage) return;
      ctx.postMessage({ type: 'toggleTask', source, line: Number(target.dataset.line), checked: target.checked });
    },
    true,
  );
}
