// A fleet of 50 contexts (issue 16): the cockpit lists and watches only the selected context, and another context
// only while it is expanded in the Clusters view. Each context is its own simulated API server, which counts the
// requests it gets: a context never selected nor expanded must get none, and switching leaves no watch behind.
import assert from 'node:assert/strict';
import { type Fleet, startFleet } from '../../../sandbox/fleet/fleet';
import { FleetCockpit } from '../../shared/fleetCockpit';
import { waitFor } from '../../shared/waitFor';

describe('A fleet of 50 contexts', function () {
  this.timeout(90_000);
  let fleet: Fleet;
  let cockpit: FleetCockpit | undefined;

  before(async () => {
    fleet = await startFleet({ contexts: 50, namespaces: 2, deploymentsPerNamespace: 25, timeScale: 0.2 });
  });
  after(async () => {
    cockpit?.dispose();
    await fleet?.stop();
  });

  /** Contexts whose server was asked anything. */
  const contacted = () =>
    Object.entries(fleet.requests())
      .filter(([, n]) => n > 0)
      .map(([c]) => c);

  it('contacts the selected context, an expanded one while expanded, and no other; switching closes the old watches', async () => {
    const c = (cockpit = new FleetCockpit(fleet.kubeconfigPath, { allNamespaces: true, timeoutMs: 5000 }));
    // The tree's 50 context rows and the Switch Context list come from the kubeconfig alone.
    assert.equal(c.clusters.roots().length, 50);
    assert.equal(c.selection.context, 'fleet-01', "kubectl's current-context is selected at start");

    // The selected context: its namespaces (it starts expanded), its deployments and its rollouts.
    const namespaces = await c.expand('fleet-01');
    assert.ok(namespaces.some((n) => n.kind === 'namespace' && n.name === 'load-0001'));
    assert.ok((await c.firstDeploymentRows()) > 0);
    assert.deepEqual(c.driver.watchedContexts, ['fleet-01']);
    assert.deepEqual(contacted(), ['fleet-01']);

    // Switch Context: the new context is listed and watched, the old one's deployment and rollout watches closed.
    c.switchContext('fleet-02');
    assert.equal(c.selection.context, 'fleet-02');
    assert.ok((await c.firstDeploymentRows()) > 0);
    assert.deepEqual(c.driver.watchedContexts, ['fleet-02'], 'the rollout driver follows only the selected context');
    assert.equal(c.deployments.scope.context, 'fleet-02');
    assert.deepEqual(contacted().sort(), ['fleet-01', 'fleet-02']);

    // Through ten more contexts, as an on-call engineer looking for the broken one would.
    for (let i = 3; i <= 12; i++) {
      c.switchContext(`fleet-${String(i).padStart(2, '0')}`);
      await c.firstDeploymentRows();
    }
    assert.deepEqual(c.driver.watchedContexts, ['fleet-12']);

    // A context expanded in the Clusters view is contacted for its namespaces; collapsed, its watch stops.
    const before = fleet.requests()['fleet-30'];
    assert.equal(before, 0);
    await c.expand('fleet-30');
    assert.ok(fleet.requests()['fleet-30'] > 0);
    c.clusters.collapsed('fleet-30');

    // Every context neither selected nor expanded was never asked anything.
    const expected = [...Array.from({ length: 12 }, (_, i) => `fleet-${String(i + 1).padStart(2, '0')}`), 'fleet-30'];
    assert.deepEqual(contacted().sort(), expected);
    // Nothing stays open on the contexts passed on the way; the selected one keeps its watches.
    const open = () => fleet.openRequests();
    await waitFor('the watches of the contexts switched away from closed', () => (Array.from({ length: 10 }, (_, i) => open()[`fleet-${String(i + 2).padStart(2, '0')}`]).every((n) => n === 0) ? true : undefined));
    await waitFor('fleet-30 collapsed: its namespace watch closed', () => (open()['fleet-30'] === 0 ? true : undefined));
    await waitFor('the selected context watching its deployments and rollouts', () => (open()['fleet-12'] >= 2 ? true : undefined));
  });
});
