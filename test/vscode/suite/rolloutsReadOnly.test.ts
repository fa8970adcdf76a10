// Read-only mode against every rollout control that can be driven on the seeded cluster: our canary's controls,
// Start Canary, the Argo Rollouts and Flagger actions and the blue-green switch. Each one reaches the MutationGuard
// (its preconditions hold: a paused Rollout to promote, an aborted one to retry, a suspended Canary to resume),
// is refused there with the reason, audited as blocked, and the object it would change is byte for byte the same.
// Switch Back and Clean Up run on a Service the cockpit switched two days ago; Run Analysis with the Cockpit hands
// Flagger's analysis to Start Canary, whose guard refuses it (no canary objects appear).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { auditLines, kubectlIn } from './sandboxKubectl';

const EXTENSION_ID = 'phoenix-ops.phoenix-ops-cockpit';
const CONTEXT = 'phoenix-dev';
const NS = 'phoenix-system';
const config = () => vscode.workspace.getConfiguration('phoenixOps');
const kubectl = async (...args: string[]) => (await kubectlIn(NS, ...args)).trim();

interface Control {
  command: string;
  /** The audit record's action and object. */
  action: string;
  object: string;
  args: () => unknown[];
  /** What the command would change, read with kubectl before and after. */
  state: () => Promise<string>;
  /** Brings the object to where the control applies (with kubectl, which read-only mode does not stop), and back. */
  setUp?: () => Promise<unknown>;
  tearDown?: () => Promise<unknown>;
}

const canaryArg = { context: CONTEXT, namespace: NS, canary: 'platform-api-canary' };
const canaryState = () => kubectl('get', 'deployment', 'platform-api-canary', '-o', 'jsonpath={.spec.replicas} {.metadata.annotations}');
const primaryAndCanary = async () => `${await kubectl('get', 'deployment', 'platform-api', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')} ${await canaryState()}`;
const argo = () => kubectl('get', 'rollouts.argoproj.io', 'analytics', '-o', 'jsonpath={.spec} {.status}');
const flagger = () => kubectl('get', 'canaries.flagger.app', 'generator', '-o', 'jsonpath={.spec}');
const progressive = (name: string) => ({ kind: 'progressive', context: CONTEXT, object: { metadata: { name, namespace: NS } } });
const argoStatus = (patch: object) => kubectl('patch', 'rollouts.argoproj.io', 'analytics', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: patch }));
const gateway = () => kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector} {.metadata.annotations}');
const allReplicas = () => kubectl('get', 'deployments', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.replicas} {end}');
const SWITCH_ANNOTATION = 'rollouts.phoenix-ops.io/blue-green';
const flaggerSpec = (patch: object) => kubectl('patch', 'canaries.flagger.app', 'generator', '--type=merge', '-p', JSON.stringify({ spec: patch }));

describe('rollout controls in read-only mode (sandbox)', function () {
  this.timeout(120_000);
  let cockpit: CockpitApi;
  let serving = '';
  let flaggerOnPlatformApi: { metadata: { name: string; namespace: string }; spec: { targetRef: object; ingressRef: object } } | undefined;
  /** The Service's switch record before the test wrote its own (restored after each control). */
  let switchRecord = '';

  before(async () => {
    const ext = vscode.extensions.getExtension<CockpitApi>(EXTENSION_ID);
    assert.ok(ext);
    cockpit = await ext.activate();
    serving = await kubectl('get', 'service', 'api-gateway', '-o', 'jsonpath={.spec.selector.version}');
    assert.match(serving, /^(blue|green)$/, 'the seeded blue-green pair has a serving colour');
    const seeded = JSON.parse(await kubectl('get', 'canaries.flagger.app', 'generator', '-o', 'json')) as NonNullable<typeof flaggerOnPlatformApi>;
    flaggerOnPlatformApi = {
      ...seeded,
      metadata: { name: 'platform-api', namespace: NS },
      spec: { ...seeded.spec, targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'platform-api' }, ingressRef: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'platform-api' } },
    };
    switchRecord = await kubectl('get', 'service', 'api-gateway', '-o', `jsonpath={.metadata.annotations.${SWITCH_ANNOTATION.replace(/\./g, '\\.')}}`);
  });
  after(async () => {
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
  });

  // Switch Back and Clean Up apply after a switch by the cockpit: a switch record two days old (past the 24 h keep time).
  const switchedTwoDaysAgo = () =>
    kubectl('annotate', 'service', 'api-gateway', '--overwrite', `${SWITCH_ANNOTATION}=${JSON.stringify({ from: serving === 'blue' ? 'green' : 'blue', to: serving, at: new Date(Date.now() - 48 * 3600_000).toISOString(), by: 'test' })}`);
  const restoreSwitchRecord = () => kubectl('annotate', 'service', 'api-gateway', '--overwrite', switchRecord ? `${SWITCH_ANNOTATION}=${switchRecord}` : `${SWITCH_ANNOTATION}-`);

  const controls = (): Control[] => [
    { command: 'phoenixOps.pauseCanary', action: 'pause canary', object: 'deployment/platform-api', args: () => [canaryArg], state: canaryState },
    { command: 'phoenixOps.resumeCanary', action: 'resume canary', object: 'deployment/platform-api', args: () => [canaryArg], state: canaryState },
    { command: 'phoenixOps.promoteCanary', action: 'promote canary', object: 'deployment/platform-api', args: () => [canaryArg], state: canaryState },
    { command: 'phoenixOps.abortCanary', action: 'abort canary', object: 'deployment/platform-api', args: () => [canaryArg], state: canaryState },
    { command: 'phoenixOps.setCanaryWeight', action: 'set canary weight', object: 'deployment/platform-api', args: () => [canaryArg, 50], state: canaryState },
    {
      command: 'phoenixOps.startCanary',
      action: 'start canary',
      object: 'deployment/platform-api',
      args: () => [{ context: CONTEXT, namespace: NS, name: 'platform-api' }, { plan: 'guide-001 canary', image: 'ghcr.io/phoenix/platform-api:1.9.9', container: 'platform-api', openPanel: false }],
      state: primaryAndCanary,
    },
    { command: 'phoenixOps.argoPromote', action: 'promote', object: 'rollouts.argoproj.io/analytics', args: () => [progressive('analytics')], state: argo },
    { command: 'phoenixOps.argoPromoteFull', action: 'promote full', object: 'rollouts.argoproj.io/analytics', args: () => [progressive('analytics')], state: argo },
    { command: 'phoenixOps.argoAbort', action: 'abort', object: 'rollouts.argoproj.io/analytics', args: () => [progressive('analytics')], state: argo },
    {
      command: 'phoenixOps.argoRetry',
      action: 'retry',
      object: 'rollouts.argoproj.io/analytics',
      args: () => [progressive('analytics')],
      state: argo,
      setUp: () => argoStatus({ abort: true }),
      tearDown: () => argoStatus({ abort: null }),
    },
    { command: 'phoenixOps.flaggerSuspend', action: 'suspend', object: 'canaries.flagger.app/generator', args: () => [progressive('generator')], state: flagger },
    {
      command: 'phoenixOps.flaggerResume',
      action: 'resume',
      object: 'canaries.flagger.app/generator',
      args: () => [progressive('generator')],
      state: flagger,
      setUp: () => flaggerSpec({ suspend: true }),
      tearDown: () => flaggerSpec({ suspend: null }),
    },
    { command: 'phoenixOps.flaggerSkipAnalysis', action: 'skip analysis', object: 'canaries.flagger.app/generator', args: () => [progressive('generator')], state: flagger },
    {
      command: 'phoenixOps.blueGreenSwitch',
      action: 'blue-green switch',
      object: 'service/api-gateway',
      args: () => [{ context: CONTEXT, pair: { namespace: NS, service: 'api-gateway' } }, serving === 'blue' ? 'green' : 'blue'],
      state: gateway,
    },
    {
      command: 'phoenixOps.blueGreenSwitchBack',
      action: 'blue-green switch back',
      object: 'service/api-gateway',
      args: () => [{ context: CONTEXT, pair: { namespace: NS, service: 'api-gateway' } }],
      state: gateway,
      setUp: switchedTwoDaysAgo,
      tearDown: restoreSwitchRecord,
    },
    {
      command: 'phoenixOps.blueGreenCleanup',
      action: 'blue-green clean-up',
      object: 'service/api-gateway',
      args: () => [{ context: CONTEXT, pair: { namespace: NS, service: 'api-gateway' } }],
      state: async () => `${await gateway()} ${await allReplicas()}`,
      setUp: switchedTwoDaysAgo,
      tearDown: restoreSwitchRecord,
    },
    {
      // Imports a Flagger Canary's analysis (guide 000's, as seeded for generator, here on platform-api: generator's
      // selector would also select a canary's pods) and hands it to Start Canary, whose guard refuses it.
      command: 'phoenixOps.runFlaggerAnalysis',
      action: 'start canary',
      object: 'deployment/platform-api',
      args: () => [{ kind: 'progressive', context: CONTEXT, object: flaggerOnPlatformApi, summary: { target: 'platform-api' } }, { image: 'ghcr.io/phoenix/platform-api:1.9.9', openPanel: false }],
      state: async () => `${await primaryAndCanary()} ${await kubectl('get', 'ingress', '-o', 'name')}`,
    },
  ];

  it('blocks each control at the guard with the reason, audits it as blocked, and changes nothing', async () => {
    // Read-only once for all of them: a set-up is kubectl's own change (the guard is the cockpit's), and each settings
    // write reloads the cockpit's settings (17 controls × 3 writes were most of this test's time).
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    try {
      for (const c of controls()) {
        await c.setUp?.();
        try {
          const before = await c.state();
          const since = new Date().toISOString();
          const ran = await vscode.commands.executeCommand<boolean>(c.command, ...c.args());
          assert.equal(ran, false, `${c.command} reports that it did not run`);
          const record = await waitFor(`the audit record of ${c.command}`, () => auditLines(cockpit.auditFile).find((l) => l.time >= since && l.action === c.action && l.object === c.object));
          assert.equal(record.outcome, 'blocked', `${c.command}: ${JSON.stringify(record)}`);
          assert.match(record.detail ?? '', /^Read-only mode is on: .* was not done\. Turn off phoenixOps\.readOnly to make changes\.$/, c.command);
          assert.equal(await c.state(), before, `${c.command} changed nothing`);
        } finally {
          await c.tearDown?.();
        }
      }
    } finally {
      await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
