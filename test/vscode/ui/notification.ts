// A notification toast of the workbench: its message, source and buttons.
import { type Locator } from 'playwright-core';

/** A notification toast. */
export class Notification {
  constructor(readonly toast: Locator) {}

  async message(): Promise<string> {
    return ((await this.toast.locator('.notification-list-item-message').innerText()) ?? '').trim();
  }

  /** The extension that raised it, e.g. "Phoenix Ops Cockpit". */
  async source(): Promise<string> {
    const text = await this.toast.locator('.notification-list-item-source').innerText().catch(() => '');
    return text.replace(/^Source:\s*/, '').trim();
  }

  async buttons(): Promise<string[]> {
    return (await this.toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((t) => t.trim());
  }

  /**
   * Clicks a button. The workbench closes the toast when it takes the click; a click a busy workbench lost (the
   * toast still there seconds later) is made again, so the test goes on to what the button does, not to a timeout.
   */
  async clickButton(label: string): Promise<void> {
    const button = this.toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: label }).first();
    for (let attempt = 1; ; attempt++) {
      await button.click();
      const closed = await this.toast.waitFor({ state: 'detached', timeout: 5000 }).then(
        () => true,
        () => false,
      );
      if (closed || attempt === 3) return;
    }
  }

  async dismiss(timeoutMs?: number): Promise<void> {
    const opts = timeoutMs === undefined ? {} : { timeout: timeoutMs };
    await this.toast.hover(opts);
    await this.toast.locator('.codicon-notifications-clear').first().click(opts);
  }
}
