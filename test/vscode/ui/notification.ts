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

  async clickButton(label: string): Promise<void> {
    await this.toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: label }).first().click();
  }

  async dismiss(): Promise<void> {
    await this.toast.hover();
    await this.toast.locator('.codicon-notifications-clear').first().click();
  }
}
