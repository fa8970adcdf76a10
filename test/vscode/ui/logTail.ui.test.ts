// UI: the log tail panel with a screen reader's and a low-vision user's needs. The lines are a log, the status
// region says changes of state and not every count, focus never falls to the page when Stop disables itself or the
// save dialog closes, and every text keeps WCAG AA contrast in high contrast, light and dark themes (axe-core, and
// contrast computed from the computed styles for the coloured prefixes, WARN/ERROR lines and filter highlights).
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { waitFor } from '../../shared/waitFor';
import { axeViolations, belowAA, colorTheme, contrasts, frameWith, THEME_STEPS } from './a11y';
import { afterRowCommand } from './rowQuestion';
import { soloView } from './soloView';
import { useWorkbench } from './workbenchFixture';

/** The lines received so far, from the status line. */
async function received(page: Frame): Promise<number> {
  const m = /([\d,]+) lines received/.exec(await page.locator('#counts').innerText());
  return m ? Number(m[1].replace(/,/g, '')) : 0;
}

/** The element that has focus in the page: its id, or its tag when it has none. */
const focused = (page: Frame): Promise<string> => page.evaluate<string>('document.activeElement ? (document.activeElement.id || document.activeElement.tagName.toLowerCase()) : ""');

/** The first row wholly inside the viewport: what a reader reads at the top. */
const topRow = (page: Frame): Promise<string> =>
  page.evaluate<string>(`(() => {
    const top = document.getElementById('viewport').getBoundingClientRect().top;
    const row = [...document.querySelectorAll('#rows .row')].find((r) => r.getBoundingClientRect().top >= top - 1);
    return row ? row.textContent : '';
  })()`);

describe('Log tail panel accessibility (UI)', function () {
  this.timeout(240_000);
  // A small buffer, so a tail of three pods at a few lines a second trims its oldest lines within seconds.
  const ui = useWorkbench({ settings: { 'phoenixOps.logs.bufferLines': 300 } });
  let page: Frame;

  it('exposes the lines as a log and announces changes of state, not the counts of every batch', async () => {
    const { wb } = ui;
    const view = await soloView(wb, 'Deployments', 620);
    await (await view.treeItem('platform-api', 30_000)).contextMenu('Tail Logs…');
    await (await afterRowCommand(wb, /Deployment to tail logs|Tail Logs — deployment/, 'platform-api')).pick(/^Last 100 lines/);
    page = await frameWith(wb, '#viewport .row');
    assert.equal(await page.locator('#viewport').getAttribute('role'), 'log');
    assert.equal(await page.locator('#viewport').getAttribute('aria-label'), 'Log lines');
    assert.deepEqual(await page.locator('[role="status"]').evaluateAll((els) => els.map((e) => e.id)), ['announce'], 'one status region, the announcements');

    // Everything the status region says from now on, as a screen reader would hear it.
    await page.evaluate(`(() => {
      const said = (window.__said = []);
      new MutationObserver(() => said.push(document.getElementById('announce').textContent)).observe(document.getElementById('announce'), { childList: true, characterData: true, subtree: true });
    })()`);
    await waitFor('the tail live', async () => (/live/.test(await page.locator('#state').innerText()) ? true : undefined), 30_000);
    const from = await received(page);
    await waitFor('150 more lines received', async () => ((await received(page)) >= from + 150 ? true : undefined), 60_000);
    const said = await page.evaluate<string[]>('window.__said');
    assert.ok(said.length <= 2 && said.every((s) => /^(Live|Reconnected|\d+ of \d+ containers streaming)/.test(s)), `announced while 150 lines arrived: ${JSON.stringify(said)}`);

    await page.locator('#pause').click();
    await waitFor('"paused" announced', async () => (/^Paused/.test(await page.locator('#announce').innerText()) ? true : undefined), 10_000);
    await page.locator('#pause').click();
    await waitFor('"resumed" announced', async () => (/^Resumed/.test(await page.locator('#announce').innerText()) ? true : undefined), 10_000);
  });

  it('holds a scrolled-up reader\'s line still while old lines are trimmed and new ones arrive, and offers the way back to the end', async () => {
    const { wb } = ui;
    await waitFor('a full buffer', async () => ((await page.locator('#rows .row').count()) > 0 && (await page.evaluate<number>("document.getElementById('spacer').offsetHeight")) >= 290 * 18 ? true : undefined), 90_000);
    // Scrolled up to the middle of the buffer, as a reader who saw something go by.
    await page.evaluate("document.getElementById('viewport').scrollTop = 150 * 18");
    const reading = await waitFor('the rows drawn where the reader scrolled', async () => {
      const drawn = await page.evaluate<boolean>(
        "(() => { const v = document.getElementById('viewport'); return v.scrollTop > 0 && document.getElementById('rows').style.transform === `translateY(${Math.max(0, Math.floor(v.scrollTop / 18) - 20) * 18}px)`; })()",
      );
      const text = await topRow(page);
      return drawn && /\d{2}:\d{2}:\d{2}/.test(text) ? text : undefined;
    }, 10_000);
    const from = await received(page);
    // 300 lines kept, trimmed to 300 whenever 330 are held: 80 more lines are at least two trims.
    await waitFor('80 more lines received', async () => ((await received(page)) >= from + 80 ? true : undefined), 90_000);
    const jump = page.locator('#jump');
    const said = await waitFor('the new-lines button', async () => {
      const text = (await jump.isVisible()) ? await jump.innerText() : '';
      return /↓ [\d,]+ new lines? — Jump to End/.test(text) ? text : undefined;
    }, 15_000);
    assert.ok(Number(/↓ ([\d,]+)/.exec(said)?.[1].replace(/,/g, '')) >= 80, `counts the lines that arrived below: ${said}`);
    assert.equal(await topRow(page), reading, 'the line being read stayed at the top while the oldest lines were dropped');
    await wb.screenshot('log-tail-scrolled-up');

    await jump.click();
    await waitFor('following the end again', async () =>
      (await page.evaluate<boolean>("(() => { const v = document.getElementById('viewport'); return v.scrollTop + v.clientHeight >= v.scrollHeight - 36; })()")) && (await jump.isHidden()) ? true : undefined, 15_000);
    assert.equal(await focused(page), 'viewport', 'focus on the lines after the jump');
  });

  it('keeps AA contrast in high contrast, light and dark themes: pod prefixes, WARN and ERROR lines, highlights; axe finds nothing', async () => {
    const { wb } = ui;
    // Only WARN and ERROR lines, their level highlighted as a match, held still (paused) so every check reads the same rows.
    await page.locator('#regex').click();
    await page.locator('#include input').fill('WARN|ERROR');
    await waitFor('WARN or ERROR lines, highlighted', async () => ((await page.locator('.row.warn mark, .row.error mark').count()) > 0 ? true : undefined), 60_000);
    await page.locator('#pause').click();
    for (const [name, cls, kind] of THEME_STEPS) {
      await colorTheme(wb, name, cls);
      await waitFor(`the panel in the ${kind} theme`, async () => (new RegExp(`vscode-${kind}`).test((await page.locator('body').getAttribute('class')) ?? '') ? true : undefined), 15_000);
      const measured = [
        ...(await contrasts(page, '.row .src')),
        ...(await contrasts(page, '.row.warn .text')),
        ...(await contrasts(page, '.row.error .text')),
        ...(await contrasts(page, '.row mark')),
        ...(await contrasts(page, '#state')),
        ...(await contrasts(page, '#counts')),
      ];
      assert.ok(measured.some((c) => c.selector === '.row mark') && measured.some((c) => c.selector === '.row .src'), `rows measured: ${JSON.stringify(measured.slice(0, 3))}`);
      assert.deepEqual(belowAA(measured), [], `contrast below AA in the ${kind} theme`);
      await wb.screenshot(`log-tail-${kind}-theme`);
      assert.deepEqual(await axeViolations(page), [], `axe-core, ${kind} theme`);
    }
    await page.locator('#pause').click();
    await page.locator('#include input').fill('');
    await page.locator('#regex').click();
  });

  it('hands focus on when Stop disables itself and when the save dialog is dismissed', async () => {
    const { wb } = ui;
    await page.locator('#save').focus();
    await page.locator('#save').press('Enter');
    const dialog = await wb.quickPick();
    await dialog.input.press('Escape');
    await waitFor('focus back on Save to File', async () => ((await focused(page)) === 'save' ? true : undefined), 10_000);

    await page.locator('#stop').focus();
    await page.locator('#stop').press('Enter');
    await waitFor('the tail to stop', async () => (/stopped/.test(await page.locator('#state').innerText()) ? true : undefined), 15_000);
    assert.equal(await focused(page), 'save', 'focus moved from the disabled Stop to Save to File');
    assert.match(await page.locator('#announce').innerText(), /^Stopped, [\d,]+ lines received/);
    await wb.screenshot('log-tail-stopped');
  });
});
