// A promoted canary's row in the Rollouts view: a promotion deletes the canary's objects (and its own row with them),
// so the view keeps the outcome the cockpit wrote on the primary as "Promoted — <when>, <figures>" for an hour or
// until dismissed. Dismissing hides it in this workspace and changes nothing in the cluster. An old promotion, a
// rollback (its canary keeps its own row) and a damaged annotation show no such row.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { kubectlIn } from './sandboxKubectl';
import { type Row, rows } from './treeRows';

const EXTENSION_ID = 'phoenix-ops.phoenix-ops-cockpit';
const NS = 'phoenix-system';
const KEY = 'rollouts.phoenix-ops.io/last-rollout';
const namespaceNode = { kind: 'namespace', id: `ns:phoenix-dev/${NS}`, context: 'phoenix-dev', name: NS };
const iso = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const outcome = (status: string, endedMinutesAgo: number) =>
  JSON.stringify({ image: 'ghcr.io/phoenix/platform-api:1.9.9', plan: 'guide-001 canary', status, startedAt: iso(endedMinutesAgo + 3), endedAt: iso(endedMinutesAgo), startedBy: 'alice', previousImage: 'ghcr.io/phoenix/platform-api:1.9.0', phasesDone: 5, phases: 5, weight: 80, failedChecks: 0 });
const annotate = (value: string) => kubectlIn(NS, 'annotate', '--overwrite', 'deployment/platform-api', `${KEY}=${value}`);

describe('Rollouts view: a promoted canary stays in sight (sandbox)', function () {
  this.timeout(60_000);
  let cockpit: CockpitApi;
  let original = '';

  const canaryRows = async (): Promise<Row[]> => {
    const group = (await rows(cockpit.rolloutsTree)).find((r) => r.label === 'Canaries');
    assert.ok(group, 'the Canaries group');
    return rows(cockpit.rolloutsTree, group.node);
  };
  const outcomeRowNow = async () => (await canaryRows()).find((r) => r.contextValue === 'canaryOutcome.promoted');

  before(async () => {
    const ext = vscode.extensions.getExtension<CockpitApi>(EXTENSION_ID);
    assert.ok(ext);
    cockpit = await ext.activate();
    await vscode.commands.executeCommand('phoenixOps.selectNamespace', namespaceNode);
    original = (await kubectlIn(NS, 'get', 'deployment', 'platform-api', '-o', `jsonpath={.metadata.annotations.${KEY.replace(/\./g, '\\.')}}`)).trim();
  });
  after(async () => {
    await (original ? annotate(original) : kubectlIn(NS, 'annotate', 'deployment/platform-api', `${KEY}-`));
  });

  it('shows "Promoted — <when>, <figures>" from the primary\'s outcome, and Dismiss hides it without touching the cluster', async () => {
    await annotate(outcome('promoted', 2));
    const row = await waitFor('the promoted row', outcomeRowNow);
    assert.equal(row.label, 'platform-api');
    assert.match(row.description, /^Promoted — \d\d:\d\d, platform-api:1\.9\.9 · 5\/5 phases up to 80 % in 3:00 · 0 failed checks$/);
    assert.equal(row.icon, 'pass-filled');
    const item = await cockpit.rolloutsTree.getTreeItem(row.node);
    assert.match(typeof item.tooltip === 'string' ? item.tooltip : '', /ghcr\.io\/phoenix\/platform-api:1\.9\.9 promoted \(was ghcr\.io\/phoenix\/platform-api:1\.9\.0\) with plan guide-001 canary/);
    assert.match(item.accessibilityInformation?.label ?? '', /promoted/i);

    const annotation = await kubectlIn(NS, 'get', 'deployment', 'platform-api', '-o', 'jsonpath={.metadata.resourceVersion}');
    assert.equal(await vscode.commands.executeCommand('phoenixOps.dismissCanaryOutcome', row.node), true);
    assert.equal(await outcomeRowNow(), undefined, 'dismissed');
    assert.equal(await kubectlIn(NS, 'get', 'deployment', 'platform-api', '-o', 'jsonpath={.metadata.resourceVersion}'), annotation, 'the deployment is unchanged');

    // The next promotion is another outcome: it shows again.
    await annotate(outcome('promoted', 1));
    await waitFor('the next promotion\'s row', outcomeRowNow);
  });

  it('shows no outcome row for a promotion over an hour old, a rollback, or an annotation that is not an outcome', async () => {
    for (const value of [outcome('promoted', 61), outcome('rolledBack', 1), '{"status":"promoted"}', 'not json']) {
      await annotate(value);
      assert.equal(await outcomeRowNow(), undefined, value);
    }
  });
});
