// UI: a person opens the Phoenix Ops container and sees its four views, the later ones with their welcome content.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbenchFixture';

describe('Phoenix Ops container (UI)', () => {
  const ui = useWorkbench();

  it('shows Clusters, Deployments, Experiments and Alerts under Phoenix Ops', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    assert.equal(await wb.sideBarTitle(), 'PHOENIX OPS');
    assert.deepEqual(await wb.viewNames(), ['Clusters', 'Deployments', 'Experiments', 'Alerts']);
    await wb.waitForSideBarIdle();
    await wb.screenshot('phoenix-ops-container');
  });

  it('shows welcome content naming the settings in the views whose data comes later', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    const expected: Record<string, RegExp> = {
      Deployments: /Deployments of the selected cluster will appear here.*Switch Context/,
      Experiments: /Experiments of the Phoenix platform API will appear here.*phoenixOps\.platformApi\.url/,
      Alerts: /alerts from Alertmanager will appear here.*phoenixOps\.alertmanager\.urls/,
    };
    for (const [name, text] of Object.entries(expected)) {
      const view = wb.view(name);
      await view.expand();
      assert.match(await view.welcomeText(), text, `${name} welcome content`);
      assert.ok((await view.welcomeButtons()).includes('Open Settings'), `${name} has an Open Settings button`);
    }
  });

});
