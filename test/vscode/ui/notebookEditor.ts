// Drives the notebook editor as a person would: find a cell by its text, run it from its run button, stop it,
// read its outputs from the output webview (two nested iframes), tick a rendered checkbox.
import { type FrameLocator, type Locator, type Page } from 'playwright-core';
import { waitFor } from '../../shared/waitFor';

export class NotebookEditor {
  constructor(private readonly page: Page) {}

  get root(): Locator {
    return this.page.locator('.notebook-editor:visible').first();
  }

  /** The webview that holds the outputs and rendered markdown of the visible notebook. */
  get outputs(): FrameLocator {
    return this.page.frameLocator('.notebook-editor:visible iframe.webview').first().frameLocator('iframe#active-frame');
  }

  /** A code cell editor that is on screen (rendered rows can lie outside the scrolled viewport). */
  private onScreenEditor(): Promise<Locator> {
    return waitFor('a code cell on screen to start from', async () => {
      const view = await this.root.boundingBox();
      for (const e of await this.root.locator('.code-cell-row .view-lines').all()) {
        const box = await e.boundingBox({ timeout: 1000 }).catch(() => null);
        if (view && box && box.y >= view.y + 40 && box.y + 10 <= view.y + view.height) return e;
      }
      return undefined;
    }, 10_000);
  }


  async waitOpen(timeoutMs = 30_000): Promise<void> {
    await this.root.locator('.cell-list-container, .monaco-list').first().waitFor({ timeout: timeoutMs });
  }

  /** The code cell whose source contains `text` (one line of it), scrolled into view. */
  async codeCell(text: string): Promise<CodeCell> {
    const find = async () => {
      for (const r of await this.root.locator('.monaco-list-row.code-cell-row').all()) {
        const src = ((await r.locator('.view-lines').first().innerText({ timeout: 1000 }).catch(() => '')) ?? '').replace(/\u00a0/g, ' ');
        if (src.includes(text)) return r;
      }
      return undefined;
    };
    // Just opened: give the list a moment to render its first cells.
    let row = await waitFor('cells to render', async () => ((await this.root.locator('.code-cell-row .view-lines').count()) > 0 ? find() : undefined), 5000).catch(() => undefined);
    if (!row) {
      // Cells out of view are virtualised away: walk the cells from the first with the keyboard (each gets revealed).
      await (await this.onScreenEditor()).click();
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+Home');
      for (let i = 0; i < 120 && !row; i++) {
        await this.page.waitForTimeout(60);
        row = await find();
        if (!row) await this.page.keyboard.press('ArrowDown');
      }
    }
    if (!row) throw new Error(`no code cell contains "${text}"`);
    await row.scrollIntoViewIfNeeded();
    return new CodeCell(this.page, row);
  }
}

export class CodeCell {
  constructor(
    private readonly page: Page,
    readonly row: Locator,
  ) {}

  /** Runs the cell from the keyboard with the binding its run button advertises ("Execute Cell (Super+Enter)"). */
  async run(): Promise<void> {
    await this.row.locator('.view-lines').first().click();
    const label = (await this.row.locator('.run-button-container .action-label').first().getAttribute('aria-label')) ?? '';
    const binding = /\(([^)]+)\)/.exec(label)?.[1] ?? 'Ctrl+Enter';
    await this.page.keyboard.press(binding.replace(/Super/g, 'Meta').replace(/Ctrl/g, 'Control'));
  }

  /** Picks `entry` from the "More Actions…" menu of the cell's toolbar (shown on the hovered cell). */
  async toolbarMenu(entry: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item a.action-menu-item', { has: this.page.locator(`.action-label:text-is("${entry}")`) });
    // A click landing while the toolbar or the menu is still settling does nothing: (re)open it until the entry ran.
    await waitFor(`the cell menu entry "${entry}" to run`, async () => {
      if (!(await menu.isVisible())) {
        // The toolbar shows on the focused cell: focus it (its editor) first.
        await this.row.locator('.view-lines').first().click({ timeout: 2000 });
        await this.row.locator('.cell-title-toolbar .codicon-toolbar-more').first().click({ timeout: 2000 });
      }
      await menu.waitFor({ timeout: 2000 });
      await item.hover({ timeout: 2000 });
      await item.click({ timeout: 2000 });
      return (await menu.waitFor({ state: 'hidden', timeout: 1000 }).then(() => true, () => false)) || undefined;
    });
  }

  /** Clicks the stop button that replaces the run button while the cell executes. */
  async stop(): Promise<void> {
    await this.row.hover();
    const stop = this.row.locator('.run-button-container .codicon-notebook-stop, .run-button-container [class*="codicon-debug-stop"]').first();
    await stop.waitFor({ timeout: 10_000 });
    await stop.click();
  }

  /** "success", "error" or "running", from the cell's status bar icon; undefined before any run. */
  async state(): Promise<'success' | 'error' | 'running' | undefined> {
    const item = this.row.locator('.cell-statusbar-container .codicon');
    for (const cls of await item.evaluateAll((els) => els.map((e) => e.className))) {
      if (/codicon-notebook-state-success|codicon-check/.test(cls)) return 'success';
      if (/codicon-notebook-state-error|codicon-error/.test(cls)) return 'error';
      if (/codicon-notebook-state-executing|codicon-notebook-state-pending|codicon-modifier-spin/.test(cls)) return 'running';
    }
    return undefined;
  }

  async waitForState(want: 'success' | 'error', timeoutMs = 45_000): Promise<void> {
    await waitFor(`the cell to end with ${want}`, async () => ((await this.state()) === want ? true : undefined), timeoutMs).catch(async (e: unknown) => {
      const bar = await this.row.locator('.cell-statusbar-container').first().innerHTML().catch(() => '(no status bar)');
      throw new Error(`${String(e)}; status bar: ${bar.slice(0, 1500)}`);
    });
  }
}
