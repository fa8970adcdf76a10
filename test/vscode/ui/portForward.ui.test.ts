// UI: an on-call engineer right-clicks deployment platform-api → Port Forward…, accepts the free local port the input
// box proposes, sees the forward in the Port Forwards view as Active, and GET /health through the local port answers
// exactly as the sandbox's platform API does; Stop on the row removes it and the port refuses connections.
import * as assert from 'node:assert/strict';
import { get } from 'node:http';
import { soloView } from './soloView';
import { uiEnvironment } from './uiEnvironment';
import { useWorkbench } from './workbenchFixture';
import { waitFor } from '../../shared/waitFor';

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

describe('Port Forward (UI)', () => {
  const ui = useWorkbench();

  it('forwards platform-api from the tree, shows it Active, serves /health through the local port; Stop closes it', async function () {
    this.timeout(180_000);
    const { wb } = ui;
    const platformApi = uiEnvironment().sandbox.platformApiUrl;
    assert.ok(platformApi, 'the sandbox runs the platform API');
    const deployments = await soloView(wb, 'Deployments', 620);
    await (await deployments.treeItem('platform-api')).contextMenu('Port Forward…');

    const q = await wb.quickPick();
    await waitFor('the local port question', async () => /local port for remote port 8080/.test(await q.prompt()), 30_000);
    const input = wb.page.locator('.quick-input-widget:visible input').first();
    const proposed = await waitFor('a proposed local port', async () => (/^\d+$/.test(await input.inputValue()) ? await input.inputValue() : undefined));
    await wb.screenshot('port-forward-local-port');
    await q.submit(proposed);

    const view = wb.view('Port Forwards');
    const row = await view.treeItem(new RegExp(`^localhost:${proposed} → platform-api-\\w+-\\w{5}:8080$`), 60_000);
    await waitFor('the forward to be Active', async () => (await row.description()) === 'Active', 30_000);
    // A screen reader hears what the row shows and where it leads (its tooltip is markdown, which VS Code does not read).
    assert.match(await row.ariaLabel(), new RegExp(`^Port forward localhost:${proposed} to platform-api-\\w+-\\w{5}:8080, Active, to deployment platform-api, now pod platform-api-\\w+-\\w{5}, context \\S+, namespace \\S+$`));
    const through = await fetchText(`http://127.0.0.1:${proposed}/health`);
    assert.equal(through.status, 200);
    assert.deepEqual(JSON.parse(through.body), JSON.parse((await fetchText(`${platformApi}/health`)).body));
    await wb.waitForNotification(new RegExp(`forwarding http://localhost:${proposed} → deployment/platform-api \\(pod platform-api-\\w+-\\w{5}\\) port 8080`));
    await wb.screenshot('port-forward-active');

    await row.clickInlineAction('Stop Port Forward');
    await view.waitForNoTreeItem(new RegExp(`^localhost:${proposed} `), 15_000);
    await assert.rejects(fetchText(`http://127.0.0.1:${proposed}/health`), /ECONNREFUSED/);
    await wb.clearNotifications();
    await wb.screenshot('port-forward-stopped');
  });
});
