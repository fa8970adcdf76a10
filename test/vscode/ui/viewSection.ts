// A view of a view container (e.g. Clusters) and the rows of its tree: welcome content, items, inline and context actions.
import { type Locator, type Page } from 'playwright-core';
import { matches, waitFor } from './waitFor';

/** One section (view) of a view container, e.g. Clusters in Phoenix Ops. */
export class ViewSection {
  constructor(
    private readonly page: Page,
    readonly name: string,
  ) {}

  get pane(): Locator {
    return this.page.locator(`.monaco-workbench .pane:has(> .pane-header[aria-label="${this.name} Section"])`);
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
    if (!(await this.isExpanded())) await this.header.click();
    await this.body.waitFor();
  }

  async collapse(): Promise<void> {
    if (await this.isExpanded()) await this.header.click();
  }

  /** The welcome content's text (paragraphs and buttons), empty when the view shows a tree instead. */
  async welcomeText(): Promise<string> {
    const welcome = this.body.locator('.welcome-view-content');
    if ((await welcome.count()) === 0 || !(await welcome.isVisible())) return '';
    return (await welcome.innerText()).replace(/\s+/g, ' ').trim();
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

  /** Waits for the tree item whose label is `label` (exact string or RegExp) and returns it. */
  async treeItem(label: string | RegExp, timeoutMs = 15_000): Promise<TreeItem> {
    const row = await waitFor(
      `tree item ${String(label)} in ${this.name} (shown: ${(await this.itemLabels().catch(() => [])).join(' | ') || 'none'})`,
      async () => {
        for (const r of await this.rows.all()) {
          const text = ((await r.locator('.label-name').first().textContent()) ?? '').trim();
          if (matches(text, label)) return r;
        }
        return undefined;
      },
      timeoutMs,
    );
    return new TreeItem(this.page, row);
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
    readonly row: Locator,
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
    await this.row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    await menu.locator('.action-item a.action-menu-item', { has: this.page.locator(`.action-label:text-is("${entry}")`) }).click();
  }

  /** The entries of the item's context menu (then closes it). */
  async contextMenuEntries(): Promise<string[]> {
    await this.row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor();
    const entries = (await menu.locator('.action-item a.action-menu-item .action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    return entries;
  }
}
