// A view of a view container (e.g. Clusters) and the rows of its tree: welcome content, items, inline and context actions.
import { type Locator, type Page } from 'playwright-core';
import { waitFor } from '../../shared/waitFor';
import { matches } from './matches';

/** One section (view) of a view container, e.g. Clusters in Phoenix Ops. */
export class ViewSection {
  constructor(
    private readonly page: Page,
    readonly name: string,
  ) {}

  get pane(): Locator {
    // A view with a description (TreeView.description) is labelled "<name> - <description> Section".
    const header = `.pane-header[aria-label="${this.name} Section"], > .pane-header[aria-label^="${this.name} - "][aria-label$=" Section"]`;
    return this.page.locator(`.monaco-workbench .pane:has(> ${header})`);
  }

  get header(): Locator {
    return this.pane.locator('> .pane-header');
  }

  get body(): Locator {
    return this.pane.locator('> .pane-body');
  }

  async isExpanded(): Promise<boolean> {
    return (await this.header.getAttribute('aria-expanded')) === 'true';
  }

  async expand(): Promise<void> {
    // A click while the sidebar is still laying out its sections (one above just expanded and pushed this header
    // down) can miss: click again until the header says expanded, giving each click time to take effect.
    await waitFor(`the ${this.name} view to expand`, async () => {
      if (await this.isExpanded()) return true;
      await this.header.click({ timeout: 5000 });
      return waitFor(`the ${this.name} view to expand after a click`, async () => ((await this.isExpanded()) ? true : undefined), 2000).catch(() => undefined);
    }, 20_000);
    await this.body.waitFor();
  }

  async collapse(): Promise<void> {
    if (await this.isExpanded()) await this.header.click();
  }

  /** The welcome content's text (paragraphs and buttons), empty when the view shows a tree instead. */
  async welcomeText(): Promise<string> {
    // Only the shown copy: a strict locator throws when VS Code keeps a second, hidden one beside it.
    const [text = ''] = await this.body.locator('.welcome-view-content:visible').allInnerTexts();
    return text.replace(/\s+/g, ' ').trim();
  }

  /** The buttons of the welcome content, by label. */
  async welcomeButtons(): Promise<string[]> {
    return (await this.body.locator('.welcome-view-content .monaco-button').allInnerTexts()).map((t) => t.trim());
  }

  async clickWelcomeButton(label: string): Promise<void> {
    await this.body.locator('.welcome-view-content .monaco-button', { hasText: label }).first().click();
  }

  /** A title-bar action (hover the header to reveal it), by its tooltip, e.g. "Refresh Clusters". */
  async clickTitleAction(title: string): Promise<void> {
    await this.header.hover();
    await this.header.locator(`.actions .action-label[aria-label="${title}"]`).click();
  }

  private get rows(): Locator {
    return this.body.locator('.monaco-list-row');
  }

  /** The rendered tree items (virtualised: what is on screen) with their depth, state and description. */
  async treeItems(): Promise<TreeItemInfo[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((r) => ({
        label: (r.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (r.querySelector('.label-description')?.textContent ?? '').trim(),
        ariaLabel: r.getAttribute('aria-label') ?? '',
        level: Number(r.getAttribute('aria-level') ?? '1'),
        expanded: r.getAttribute('aria-expanded') === null ? undefined : r.getAttribute('aria-expanded') === 'true',
        selected: r.classList.contains('selected'),
      })),
    );
  }

  /** Labels of the rendered tree items. */
  async itemLabels(): Promise<string[]> {
    return (await this.treeItems()).map((i) => i.label);
  }

  /**
   * Waits for the tree item whose label is `label` (exact string or RegExp) and returns it, scrolling the
   * (virtualised) tree to find rows outside the view. The row is addressed by its index in the tree, so it
   * stays the same row while the tree scrolls.
   */
  /** Waits for the row (30 s by default: the first rows after a cold start come late on a loaded machine). */
  async treeItem(label: string | RegExp, timeoutMs = 30_000): Promise<TreeItem> {
    const row = await waitFor(
      `tree item ${String(label)} in ${this.name} (shown: ${(await this.itemLabels().catch(() => [])).join(' | ') || 'none'})`,
      async () => {
        // Labels and indexes read in one pass: rows come and go as the tree redraws (an activity row above the
        // one wanted disappears), and a row addressed by its position could then be waited on forever.
        const rendered = await this.rows.evaluateAll((rows) => rows.map((r) => ({ text: (r.querySelector('.label-name')?.textContent ?? '').trim(), index: r.getAttribute('data-index') })));
        for (const { text, index } of rendered) {
          if (!matches(text, label) || index === null) continue;
          const r = this.body.locator(`.monaco-list-row[data-index="${index}"]`);
          // A row under the sticky scroll header (the parent pinned at the top) cannot be clicked: scroll it out.
          const hidden = await this.underStickyHeader(r).catch(() => -1);
          if (hidden < 0) return undefined; // redrawn meanwhile: look again
          if (hidden > 0) {
            await this.page.mouse.move(...(await this.bodyCenter()));
            await this.page.mouse.wheel(0, -(hidden + 22));
            return undefined;
          }
          return r;
        }
        await this.scrollRows();
        return undefined;
      },
      timeoutMs,
    );
    // Passed on so a menu can be opened on the row that bears the label now, after a redraw moved it.
    return new TreeItem(this.page, row, () => this.treeItem(label, 10_000).then((t) => t.row));
  }

  /** Waits until no rendered row's label matches `label` (the view is short enough to be on screen whole). */
  async waitForNoTreeItem(label: string | RegExp, timeoutMs = 15_000): Promise<void> {
    await waitFor(`no tree item ${String(label)} in ${this.name}`, async () => ((await this.itemLabels()).some((l) => matches(l, label)) ? undefined : true), timeoutMs);
  }

  /** How many pixels of `row` the sticky scroll header covers (0: none). */
  private async underStickyHeader(row: Locator): Promise<number> {
    const sticky = this.body.locator('.monaco-tree-sticky-container:visible');
    if ((await sticky.count()) === 0) return 0;
    const [s, r] = await Promise.all([sticky.first().boundingBox({ timeout: 2000 }), row.boundingBox({ timeout: 2000 })]);
    if (!s || !r || s.height === 0) return 0;
    return Math.max(0, Math.ceil(s.y + s.height - r.y));
  }

  private async bodyCenter(): Promise<[number, number]> {
    const box = await this.body.boundingBox();
    return box ? [box.x + box.width / 2, box.y + box.height / 2] : [0, 0];
  }

  /** Scrolls the tree half a view further, or back to the top once at the end (or when it does not scroll). */
  private async scrollRows(): Promise<void> {
    const box = await this.body.boundingBox();
    if (!box || box.height < 20 || (await this.rows.count()) === 0) return;
    // How far the list is scrolled: its rows container is moved up by that much (style top or a translate3d).
    const scrollTop = () =>
      this.body
        .locator('.monaco-list-rows')
        .first()
        .evaluate((el) => {
          const t = /translate3d\([^,]+,\s*(-?[\d.]+)px/.exec(el.style.transform);
          return t ? -Number(t[1]) : -parseFloat(el.style.top || '0');
        })
        .catch(() => -1);
    const before = await scrollTop();
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await this.page.mouse.wheel(0, Math.max(40, box.height / 2));
    // Scrolling is animated: give it a moment before concluding the end was reached (then start over at the top).
    for (let i = 0; i < 10; i++) {
      await this.page.waitForTimeout(50);
      if ((await scrollTop()) !== before) return;
    }
    await this.page.mouse.wheel(0, -100_000);
  }
}

export interface TreeItemInfo {
  label: string;
  description: string;
  ariaLabel: string;
  level: number;
  /** Undefined for a leaf. */
  expanded: boolean | undefined;
  selected: boolean;
}

/** One row of a tree view. */
export class TreeItem {
  constructor(
    private readonly page: Page,
    public row: Locator,
    /** Finds the row again by its label (rows are addressed by index, and a redraw can move the label). */
    private readonly relocate?: () => Promise<Locator>,
  ) {}

  async label(): Promise<string> {
    return ((await this.row.locator('.label-name').first().textContent()) ?? '').trim();
  }

  async description(): Promise<string> {
    return ((await this.row.locator('.label-description').first().textContent()) ?? '').trim();
  }

  /** What screen readers get (TreeItem.accessibilityInformation, else the label); the tooltip is not in the DOM until hovered. */
  async ariaLabel(): Promise<string> {
    return (await this.row.getAttribute('aria-label')) ?? '';
  }

  async isExpanded(): Promise<boolean> {
    return (await this.row.getAttribute('aria-expanded')) === 'true';
  }

  /** The codicon of the item's ThemeIcon ("pass-filled", "error", "sync~spin" shows as "sync"), or undefined. */
  async iconId(): Promise<string | undefined> {
    const classes = (await this.row.locator('.custom-view-tree-node-item-icon').first().getAttribute('class').catch(() => null)) ?? '';
    return /(?:^|\s)codicon-([\w-]+)/.exec(classes.replace(/codicon-modifier-[\w-]+/g, ''))?.[1];
  }

  async click(): Promise<void> {
    await this.row.click();
  }

  async expand(): Promise<void> {
    if (!(await this.isExpanded())) await this.row.locator('.monaco-tl-twistie').click();
    await waitFor('the item to expand', async () => ((await this.isExpanded()) ? true : undefined), 5000);
  }

  async collapse(): Promise<void> {
    if (await this.isExpanded()) await this.row.locator('.monaco-tl-twistie').click();
  }

  /** Clicks an inline action (shown on hover), by its title, e.g. "Select in Cockpit". */
  async clickInlineAction(title: string): Promise<void> {
    await this.row.hover();
    await this.row.locator(`.actions .action-label[aria-label="${title}"]`).click();
  }

  /** Right-clicks the item and picks `entry` from its context menu. */
  async contextMenu(entry: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item a.action-menu-item', { has: this.page.locator(`.action-label:text-is("${entry}")`) });
    // A click landing while the menu is still settling, or a menu swept away by a re-render, does nothing:
    // (re)open the menu and click until it closes because the entry ran.
    // A row with another label under the pointer (the tree redrew and the index now holds another item) opens no
    // menu or the wrong one: every retry after the first right-clicks the row found again by its label.
    let attempts = 0;
    await waitFor(`the context menu entry "${entry}" to run`, async () => {
      if (!(await menu.isVisible())) {
        if (attempts++ > 0 && this.relocate) this.row = await this.relocate();
        await this.row.click({ button: 'right', timeout: 2000 });
      }
      const under = await this.label().catch(() => '?');
      await menu.waitFor({ timeout: 2000 }).catch(() => {
        throw new Error(`no menu opened on the row "${under}"`);
      });
      if ((await item.count()) === 0) {
        // The wrong row's menu (or one still filling): close it so the next try starts from the row again.
        const shown = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
        await this.page.keyboard.press('Escape');
        throw new Error(`the menu of the row "${under}" has no "${entry}" (it has: ${shown.join(', ')})`);
      }
      await item.hover({ timeout: 2000 });
      await item.click({ timeout: 2000 });
      return (await menu.waitFor({ state: 'hidden', timeout: 1000 }).then(() => true, () => false)) || undefined;
    });
  }

  /** The entries of the item's context menu (then closes it). */
  async contextMenuEntries(): Promise<string[]> {
    await this.row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    const entries = (await menu.locator('.action-item a.action-menu-item .action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
    return entries;
  }
}
