// Drives the VS Code workbench as a person would (keyboard, clicks, what is on screen); selectors measured on code-server 4.100.3.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type FrameLocator, type Locator, type Page } from 'playwright-core';
import { repoPath } from '../../../scripts/repoRoot';
import { Notification } from './notification';
import { QuickPick } from './quickPick';
import { ViewSection } from './viewSection';
import { waitFor } from '../../shared/waitFor';
import { matches } from './matches';

const TOASTS = '.notifications-toasts .notification-toast-container';

export const screenshotsDir = repoPath('test-results', 'screenshots');

export interface StatusBarItem {
  /** `<extension id>.<item id>` for extension items, e.g. `phoenix-ops.phoenix-ops-cockpit.phoenixOps.context`. */
  id: string;
  text: string;
  ariaLabel: string;
}

/** The workbench in one browser tab. */
export class Workbench {
  private constructor(readonly page: Page) {}

  /** Loads `url` and waits until the workbench has laid out its parts and scanned extensions. */
  static async open(page: Page, url: string, timeoutMs = 60_000): Promise<Workbench> {
    // Deadlines here only guard against a hang: on a machine shared with other test runs code-server answers late.
    await page.goto(url, { timeout: timeoutMs });
    const wb = new Workbench(page);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: timeoutMs });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
    return wb;
  }

  /** Reloads the window as "Developer: Reload Window" does: a new extension host, nothing kept in memory. */
  async reload(timeoutMs = 60_000): Promise<void> {
    await this.page.reload({ timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
  }

  /** Runs a command from the palette (F1) by its title as shown there, e.g. "Phoenix Ops: Switch Context". */
  async runCommand(title: string): Promise<void> {
    // The palette lists the commands known when it opens: one opened while the workbench was still taking in the
    // extensions' contributions (a loaded machine, a fresh window) is closed and opened again.
    let palette = await this.commandPalette();
    await palette.input.fill(`>${title}`);
    let openedAt = Date.now();
    const row = await waitFor(`command "${title}" in the palette`, async () => {
      // A row taken by its place may be gone when read (the list redrawn): 1 s, not Playwright's default 30 s.
      for (const r of await palette.widget.locator('.quick-input-list .monaco-list-row').all()) {
        const aria = (await r.getAttribute('aria-label', { timeout: 1000 }).catch(() => '')) ?? '';
        if (aria === title || aria.startsWith(`${title},`)) return r;
      }
      if (Date.now() - openedAt > 5000) {
        await this.page.keyboard.press('Escape');
        palette = await this.commandPalette();
        await palette.input.fill(`>${title}`);
        openedAt = Date.now();
      }
      return undefined;
    }, 30_000);
    await row.click();
  }

  /** Opens the command palette (F1) and returns it. */
  async commandPalette(): Promise<QuickPick> {
    await this.page.keyboard.press('F1');
    const qp = new QuickPick(this.page);
    await qp.input.waitFor();
    return qp;
  }

  /** The quick pick that is open (after a command that asks something). */
  async quickPick(): Promise<QuickPick> {
    const qp = new QuickPick(this.page);
    await qp.widget.waitFor();
    return qp;
  }

  /** The activity bar item of a view container, by its title. */
  activityItem(title: string): Locator {
    // With a badge (e.g. a count of alerts) the label grows: "Phoenix Ops - 1 critical alert".
    return this.page.locator(
      `.part.activitybar .action-item a.action-label[aria-label="${title}"], .part.activitybar .action-item a.action-label[aria-label^="${title} ("], .part.activitybar .action-item a.action-label[aria-label^="${title} - "]`,
    );
  }

  /** Clicks the container in the activity bar (unless it is already open) and waits for its side bar. */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityItem(title).first();
    await item.waitFor({ timeout: 30_000 });
    const checked = await item.evaluate((a) => a.parentElement?.classList.contains('checked') ?? false);
    if (!checked) await item.click();
    const heading = this.page.locator('.part.sidebar .composite.title .title-label h2', { hasText: new RegExp(`^${escapeRegExp(title)}$`, 'i') });
    // Right after a window reload the item can read "checked" while the side bar is not shown yet (or restored
    // hidden): if the container's title does not come, click the item as a person would.
    if (!(await heading.waitFor({ timeout: 15_000 }).then(() => true, () => false))) {
      await item.click();
      await heading.waitFor({ timeout: 30_000 });
    }
  }

  /** Waits until the side bar has shown no progress (view progress bars, the container's progress badge) for `quietMs`. */
  async waitForSideBarIdle(timeoutMs = 15_000, quietMs = 500): Promise<void> {
    const busy = this.page.locator('.part.sidebar .monaco-progress-container.active:visible, .part.activitybar .badge.progress-badge:visible');
    let quietSince = Date.now();
    await waitFor('the side bar views to finish loading', async () => {
      if ((await busy.count()) > 0) quietSince = Date.now();
      return Date.now() - quietSince >= quietMs ? true : undefined;
    }, timeoutMs);
  }

  /** Drags the sash between side bar and editor so the side bar is `width` px wide (long tree descriptions fit). */
  async setSideBarWidth(width: number): Promise<void> {
    const bar = await this.page.locator('.part.sidebar').boundingBox();
    if (!bar) return;
    const edge = bar.x + bar.width;
    await this.page.mouse.move(edge, bar.y + bar.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(bar.x + width, bar.y + bar.height / 2, { steps: 5 });
    await this.page.mouse.up();
  }

  /** The side bar's title, e.g. "PHOENIX OPS". */
  async sideBarTitle(): Promise<string> {
    return (await this.page.locator('.part.sidebar .composite.title .title-label h2').innerText()).trim();
  }

  /** A section of the open container, by its name ("Clusters"). */
  view(name: string): ViewSection {
    return new ViewSection(this.page, name);
  }

  /** Names of the sections of the open side bar container. */
  async viewNames(): Promise<string[]> {
    const labels = await this.page.locator('.part.sidebar .pane > .pane-header').evaluateAll((hs) => hs.map((h) => h.getAttribute('aria-label') ?? ''));
    return labels.map((l) => l.replace(/ Section$/, ''));
  }

  async statusBarItems(): Promise<StatusBarItem[]> {
    return this.page.locator('.part.statusbar .statusbar-item').evaluateAll((items) =>
      items.map((i) => ({
        id: i.id,
        // Codicons are empty spans drawn by CSS: the text content is what a person reads.
        text: (i.querySelector('.statusbar-item-label')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        ariaLabel: i.getAttribute('aria-label') ?? '',
      })),
    );
  }

  /** A status bar item by id (see StatusBarItem.id). */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.part.statusbar .statusbar-item[id="${id}"]`);
  }

  /** The text of a status bar item (codicons are not text), waiting for it to exist. */
  async statusBarText(id: string): Promise<string> {
    const label = this.statusBarItem(id).locator('.statusbar-item-label');
    await label.waitFor();
    return (await label.innerText()).trim();
  }

  /** Waits until the item's text matches. */
  async waitForStatusBarText(id: string, want: string | RegExp, timeoutMs = 15_000): Promise<string> {
    return waitFor(`status bar ${id} to read ${String(want)}`, async () => {
      const text = await this.statusBarText(id);
      return matches(text, want) || (typeof want === 'string' && text.includes(want)) ? text : undefined;
    }, timeoutMs);
  }

  /**
   * The messages of the toasts shown now, top to bottom, read in one pass. Toasts come and go while a test reads
   * them: a toast addressed by its place (`nth(i)`) that has gone would be waited on for Playwright's 30 s.
   */
  async notificationMessages(): Promise<string[]> {
    return this.page.locator(TOASTS).evaluateAll((ts) => ts.map((t) => (t.querySelector('.notification-list-item-message')?.textContent ?? '').replace(/\s+/g, ' ').trim()));
  }

  /** Waits for a toast whose message contains `text` (or matches the RegExp). */
  async waitForNotification(text: string | RegExp, timeoutMs = 15_000): Promise<Notification> {
    return waitFor(`a notification ${String(text)}`, async () => {
      for (const msg of await this.notificationMessages()) {
        if (!(typeof text === 'string' ? msg.includes(text) : text.test(msg))) continue;
        // Addressed by its message, not its place: toasts above it come and go while the test reads and clicks it.
        // By the pattern it was found by, so a toast whose text moves on (a progress count, "retry in 2 s") stays the
        // same toast; by its text at this moment where the page's text content does not match the pattern.
        const toast = (hasText: string | RegExp) => this.page.locator(TOASTS).filter({ has: this.page.locator('.notification-list-item-message', { hasText }) }).first();
        return new Notification((await toast(text).count()) > 0 ? toast(text) : toast(msg));
      }
      return undefined;
    }, timeoutMs);
  }

  /** Closes every toast: always the first one shown, until none is left (each click short-lived, so a toast that went away by itself costs nothing). */
  async clearNotifications(): Promise<void> {
    const first = new Notification(this.page.locator(TOASTS).first());
    for (let left = await this.page.locator(TOASTS).count(), tries = 0; left > 0 && tries < 20; tries++) {
      await first.dismiss(3000).catch(() => undefined);
      left = await this.page.locator(TOASTS).count();
    }
  }

  /** A modal dialog's message (e.g. the workspace trust prompt or a modal showWarningMessage), or undefined. */
  async dialogMessage(): Promise<string | undefined> {
    const box = this.page.locator('.monaco-dialog-box');
    if (!(await box.isVisible())) return undefined;
    // The web workbench puts a modal showWarningMessage's text in the detail line (there is no .dialog-message then).
    const texts = await box.locator('.dialog-message, .dialog-message-detail').allInnerTexts();
    return texts.map((t) => t.trim()).filter(Boolean).join('\n');
  }

  async clickDialogButton(label: string): Promise<void> {
    await this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first().click();
  }

  /** The content frame of the active webview panel (two nested iframes in the web workbench). */
  activeWebview(): FrameLocator {
    return this.page.frameLocator('iframe.webview:visible').first().frameLocator('iframe#active-frame');
  }

  /** Saves test-results/screenshots/<name>.png and returns its path; the pointer first leaves whatever it hovers. */
  async screenshot(name: string, opts: { keepPointer?: boolean } = {}): Promise<string> {
    mkdirSync(screenshotsDir, { recursive: true });
    const file = join(screenshotsDir, `${name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')}.png`);
    if (!opts.keepPointer) {
      const editor = await this.page.locator('.part.editor').boundingBox();
      if (editor) await this.page.mouse.move(editor.x + editor.width - 5, editor.y + editor.height - 5);
      // Hovers fade out after the pointer leaves; a screenshot should not catch them half-way.
      await this.page
        .locator('.workbench-hover-container:visible, .monaco-hover:not(.hidden):visible')
        .first()
        .waitFor({ state: 'hidden', timeout: 2000 })
        .catch(() => undefined);
    }
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
