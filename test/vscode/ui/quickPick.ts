// The quick pick / command palette of the workbench while it is open: read its items, pick one, type into it.
import { type Locator, type Page } from 'playwright-core';
import { waitFor } from '../../shared/waitFor';
import { matches } from './matches';

/** A quick pick (or the command palette) while it is open. */
export class QuickPick {
  constructor(private readonly page: Page) {}

  get widget(): Locator {
    return this.page.locator('.quick-input-widget:visible');
  }

  get input(): Locator {
    return this.widget.locator('.quick-input-box input');
  }

  private get rows(): Locator {
    return this.widget.locator('.quick-input-list .monaco-list-row');
  }

  /** The labels of the visible items (aria-label: label, then description/detail after a comma). */
  async items(): Promise<string[]> {
    await this.widget.waitFor();
    return (await this.rows.evaluateAll((rows) => rows.map((r) => r.querySelector('.label-name')?.textContent ?? ''))).map((t) => t.trim());
  }

  /** The whole visible text of each row: label, description and detail. */
  async rowTexts(): Promise<string[]> {
    await this.widget.waitFor();
    return (await this.rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The label of the highlighted item (what Enter would pick). */
  async focused(): Promise<string> {
    await this.widget.waitFor();
    return ((await this.widget.locator('.quick-input-list .monaco-list-row.focused .label-name').first().textContent()) ?? '').trim();
  }

  /** Title or placeholder, to check which pick is open. */
  async prompt(): Promise<string> {
    const title = (await this.widget.locator('.quick-input-title').textContent())?.trim() ?? '';
    return title || ((await this.input.getAttribute('placeholder')) ?? '');
  }

  /**
   * Types `filter` (optional), then clicks the item whose label is `label` (exact string or RegExp). A single-choice
   * pick closes (or gives way to the next step) when it takes the click; a click a busy workbench lost (seen in CI:
   * the next step's text was then typed into this pick's filter) is made again, up to three times.
   */
  async pick(label: string | RegExp, filter?: string): Promise<void> {
    await this.widget.waitFor();
    if (filter !== undefined) await this.input.fill(filter);
    const title = await this.prompt().catch(() => '');
    const manyChoices = (await this.widget.locator('.quick-input-check-all').count()) > 0 && (await this.widget.locator('.quick-input-check-all').isVisible());
    const findRow = async () => {
      // A row taken by its place may be gone when read (the list redrawn): 1 s, not Playwright's default 30 s.
      for (const r of await this.rows.all()) {
        const text = ((await r.locator('.label-name').first().textContent({ timeout: 1000 }).catch(() => '')) ?? '').trim();
        if (matches(text, label)) return r;
      }
      return undefined;
    };
    for (let attempt = 1; ; attempt++) {
      // Looked for again on each attempt (the list may have been redrawn); gone on a retry means the click was taken.
      const row = attempt === 1 ? await waitFor(`quick pick item ${String(label)} (items: ${(await this.items().catch(() => [])).join(' | ')})`, findRow) : await findRow().catch(() => undefined);
      if (!row) return;
      await row.click();
      if (manyChoices || attempt === 3) return;
      const taken = await waitFor(
        'the pick to take the click',
        async () => !(await this.widget.isVisible().catch(() => false)) || (await this.prompt().catch(() => '')) !== title,
        5_000,
      ).then(
        () => true,
        () => false,
      );
      if (taken) return;
    }
  }

  /**
   * Types `text` and presses Enter. An input box that follows a pick takes over the same widget and sets
   * its own value a moment later, which would overwrite text typed too early: type until the text stays.
   */
  async submit(text: string): Promise<void> {
    await waitFor(`the input to keep "${text}"`, async () => {
      if ((await this.input.inputValue()) !== text) await this.input.fill(text);
      await this.page.waitForTimeout(100);
      return (await this.input.inputValue()) === text ? true : undefined;
    }, 10_000);
    await this.pressEnterUntilTaken(text);
  }

  /**
   * Presses Enter until the input box takes it. On a loaded machine an Enter can be lost (seen in CI: the box
   * still open with the typed value and no validation message); pressing again is what a person does. It stops
   * when the box closes, shows another prompt or value, or shows a validation error (a test may expect one).
   */
  private async pressEnterUntilTaken(text: string): Promise<void> {
    const title = await this.prompt().catch(() => '');
    const gone = async (): Promise<boolean> =>
      !(await this.widget.isVisible().catch(() => false)) ||
      (await this.prompt().catch(() => '')) !== title ||
      (await this.input.inputValue().catch(() => '')) !== text;
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.input.press('Enter');
      const taken = await waitFor('the input box to take Enter', async () => await gone(), 5_000).then(
        () => true,
        () => false,
      );
      if (taken || (await this.widget.locator('.quick-input-box .monaco-inputbox.error').count()) > 0) return;
    }
  }

  async cancel(): Promise<void> {
    await this.input.press('Escape');
    await this.widget.waitFor({ state: 'hidden' });
  }
}
