// UI: a person opens the Phoenix Ops container and sees its views.
import * as assert from 'node:assert/strict';
import { useWorkbench } from './workbenchFixture';

describe('Phoenix Ops container (UI)', () => {
  const ui = useWorkbench();

  it('shows Clusters, Deployments, Nodes, Port Forwards, Resources, Rollouts, Experiments, Alerts, Agents and Backups under Phoenix Ops', async () => {
    const { wb } = ui;
    await wb.openViewContainer('Phoenix Ops');
    assert.equal(await wb.sideBarTitle(), 'PHOENIX OPS');
    assert.deepEqual(await wb.viewNames(), ['Clusters', 'Deployments', 'Nodes', 'Port Forwards', 'Resources', 'Rollouts', 'Experiments', 'Alerts', 'Agents', 'Backups']);
    await wb.waitForSideBarIdle();
    await wb.screenshot('phoenix-ops-container');
  });

  // Each view's welcome content (shown without its settings) is checked in that view's own suite.

});
