// UI: the workbench as npm start opens it (its environment from startEnv). Before any Phoenix view is opened the alerts
// status bar item is there (the extension activates on start-up), and the Agents view shows the task queue at once:
// the sandbox database's password was put into SecretStorage, nothing asks for it.
import * as assert from 'node:assert/strict';
import { startEnv } from '../../../scripts/sandboxLink';
import { useWorkbench } from './workbenchFixture';

const STATUS = 'phoenix-ops.phoenix-ops-cockpit.phoenixOps.alerts';

describe('First start as npm start opens it (UI)', function () {
  this.timeout(120_000);
  const ui = useWorkbench({ envFromSandbox: startEnv });

  it('shows the alerts status item before any view is opened, and the task queue without asking for a password', async () => {
    const { wb } = ui;
    // '$(bell) …' while the first answer is on its way: any text proves the item exists without the view.
    const status = await wb.waitForStatusBarText(STATUS, /\S/, 30_000);
    assert.ok(status);
    await wb.openViewContainer('Phoenix Ops');
    for (const name of ['Clusters', 'Deployments', 'Experiments', 'Alerts']) await wb.view(name).collapse();
    await wb.setSideBarWidth(620);
    const view = wb.view('Agents');
    await view.expand();
    const queue = await view.treeItem('Task queue', 30_000);
    assert.match(await queue.description(), /^\d+ pending/);
    assert.ok(!(await view.itemLabels()).some((l) => /^No password is stored/.test(l)), 'no password prompt row');
    await wb.waitForSideBarIdle();
    await wb.screenshot('first-start-agents');
  });
});
