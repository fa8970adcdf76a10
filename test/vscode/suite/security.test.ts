// The guard inside a real extension host: every contributed command is classified here, and each one that changes
// something is blocked in read-only mode with an audit record and nothing changed. A workspace's settings can
// tighten the guard but not lift it, and commands use the settings as they are when they run.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { isLocalPortFree } from '../../../src/domain/portforward/portProbe';
import { waitFor } from '../../shared/waitFor';
import { auditLines, kubectlIn } from './sandboxKubectl';
import { rows } from './treeRows';

const EXTENSION_ID = 'phoenix-ops.phoenix-ops-cockpit';
const config = () => vscode.workspace.getConfiguration('phoenixOps');
const deployment = (name: string) => ({ context: 'phoenix-dev', namespace: 'phase-5', name });
/** A manifest scaling the deployment (its live spec with another replica count), as a file Apply File… is run on. */
async function manifestFile(name: string, replicas: number): Promise<vscode.Uri> {
  const live = JSON.parse(await kubectl('get', 'deployment', name, '-o', 'json')) as { spec: Record<string, unknown>; metadata: Record<string, unknown> };
  const dir = mkdtempSync(join(tmpdir(), 'phoenix-apply-'));
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'phase-5' }, spec: { ...live.spec, replicas } }));
  return vscode.Uri.file(file);
}

const kubectl = async (...args: string[]) => (await kubectlIn('phase-5', ...args)).trim();

/** A Resources view row of phase-5 (what its context menu passes), for the guarded actions on any kind. */
const resourceRow = (kind: string, resource: string, group: string, name: string) => ({
  kind: 'object',
  id: `probe/${resource}/${name}`,
  context: 'phoenix-dev',
  namespace: 'phase-5',
  spec: { label: resource, group, version: 'v1', resource, kind },
  name,
  row: { description: '', state: 'idle', details: [] },
  object: { metadata: { name, namespace: 'phase-5' } },
});
/** What the probe Secret holds: no audit line may ever contain it. */
const PROBE_SECRET = 's3cr3t-guard-probe';

/**
 * Every command the extension contributes, in one of two lists. A new command fails the inventory test until it
 * is put here; one that changes anything must say how it is driven in read-only mode and what it must not change.
 */
interface Mutating {
  /** The audit record's action. */
  action: string;
  args: () => unknown[] | Promise<unknown[]>;
  /** Reads the state the command would change (compared before and after). */
  state?: () => Promise<string> | string;
}

const NOT_MUTATING: Record<string, string> = {
  'phoenixOps.describePod': 'reads the pod and its events into a read-only document',
  'phoenixOps.refreshPodDocument': 'reads the pod document again',
  'phoenixOps.previousLogs': "reads the last terminated container's log into a read-only document",
  'phoenixOps.refreshNodes': 'reads',
  'phoenixOps.refreshResources': 'reads',
  'phoenixOps.filterResources': "the Resources view's own name filter",
  'phoenixOps.clearResourcesFilter': "the Resources view's own name filter",
  'phoenixOps.sortPodsByUsage': "the order of the Deployments view's pod rows (a user setting)",
  'phoenixOps.stopPortForward': 'closes a local port the cockpit opened (never blocked: it only takes access away; audited)',
  'phoenixOps.openPortForward': "opens the forward's local URL in the browser",
  'phoenixOps.copyPortForwardUrl': 'the clipboard',
  'phoenixOps.openAsRunbook': 'opens a file as a notebook',
  'phoenixOps.resetRunbookParameters': "forgets the session's own values",
  'phoenixOps.exportIncidentTimeline': 'writes a new untitled document',
  'phoenixOps.runFromHere': "runs the runbook's steps as Run All does: each through the runbook gate (read-only mode, confirmations, audit)",
  'phoenixOps.runUpToHere': "runs the runbook's steps as Run All does: each through the runbook gate",
  'phoenixOps.runCellsByCategory': "runs the runbook's steps of one category as Run All does: each through the runbook gate",
  'phoenixOps.switchContext': "the cockpit's own selection (workspace state), not the cluster or kubeconfig",
  'phoenixOps.switchNamespace': "the cockpit's own selection",
  'phoenixOps.selectContext': "the cockpit's own selection",
  'phoenixOps.selectNamespace': "the cockpit's own selection",
  'phoenixOps.refreshClusters': 'reads',
  'phoenixOps.retryNode': 'reads (allowing a credential plugin asks in a modal dialog of its own)',
  'phoenixOps.setDatabasePassword': "the user's own SecretStorage",
  'phoenixOps.setApiToken': "the user's own SecretStorage",
  'phoenixOps.refreshAlerts': 'reads',
  'phoenixOps.openAlertRunbook': 'opens a file or a web page',
  'phoenixOps.showAlertQuery': 'reads (its promql cells only query)',
  'phoenixOps.copyAlertLabels': 'the clipboard',
  'phoenixOps.refreshExperiments': 'reads',
  'phoenixOps.showExperimentResults': 'reads',
  'phoenixOps.refreshAgents': 'reads',
  'phoenixOps.filterDeploymentsNamespace': 'what the view shows',
  'phoenixOps.refreshDeployments': 'reads',
  'phoenixOps.showYaml': 'reads',
  'phoenixOps.editYaml': 'opens the object in an editor; its Save is the change, guarded and audited (edit.test.ts: blocked in read-only mode)',
  'phoenixOps.showEvents': 'reads',
  'phoenixOps.copyKubectlCommand': 'the clipboard',
  'phoenixOps.tailLogs': 'reads',
  'phoenixOps.backUp': 'reads the cluster and the database; writes only into your own backup destination (allowed in read-only mode, audited)',
  'phoenixOps.refreshBackups': 'reads',
  'phoenixOps.verifyBackup': 'reads the backup folder (its result goes into the backup\'s own manifest)',
  'phoenixOps.restoreBackup': 'writes a guided restore runbook; its steps go through the runbook gate',
  'phoenixOps.revealBackup': 'opens the file explorer',
  'phoenixOps.exportBackupCronJob': 'writes a new editor after a server-side dry run; nothing is applied',
  'phoenixOps.refreshRollouts': 'reads',
  'phoenixOps.dismissCanaryOutcome': 'hides a promoted canary\'s row in this workspace (changes nothing in the cluster)',
  'phoenixOps.showCanary': 'opens the canary panel (reads)',
  'phoenixOps.newRolloutPlan': "copies a shipped plan into the workspace's plan folder to edit",
  'phoenixOps.showCostOverview': 'reads',
  'phoenixOps.showCostReduction': 'reads',
  'phoenixOps.showServiceHealth': 'reads',
};

/**
 * Changes that need a backup on disk to be driven: blocked in read-only mode through the same MutationGuard, proven
 * where the backups exist (the test named here).
 */
const MUTATING_PROVEN_IN_BACKUPS_SUITE: Record<string, string> = {
  'phoenixOps.testRestoreBackup': 'backups.test.ts › read-only mode: … a test restore and a delete are blocked',
  'phoenixOps.deleteBackup': 'backups.test.ts › read-only mode: … a test restore and a delete are blocked',
  'phoenixOps.applyBackupRetention': 'backups.test.ts › read-only mode: Apply Retention shows its plan but deletes nothing, audited as blocked',
};

/**
 * Rollout controls (canary, Argo Rollouts, Flagger, blue-green): each passes the MutationGuard on its one path
 * (commands/rollouts/rolloutCommand.ts runControl, blueGreenApply.ts guardedSwitch, progressiveActionCommand.ts, Start
 * Canary's own guard.run). rolloutsReadOnly.test.ts drives all 17 in read-only mode: on the seeded objects, Switch
 * Back and Clean Up on a switch record it writes first, and Run Flagger Analysis through the Start Canary it hands to.
 */
const MUTATING_ROLLOUT_CONTROLS: Record<string, string> = {
  'phoenixOps.startCanary': 'start canary',
  'phoenixOps.promoteCanary': 'promote canary',
  'phoenixOps.abortCanary': 'abort canary',
  'phoenixOps.pauseCanary': 'pause canary',
  'phoenixOps.resumeCanary': 'resume canary',
  'phoenixOps.setCanaryWeight': 'set canary weight',
  'phoenixOps.runFlaggerAnalysis': 'writes a plan, then Start Canary (guarded, audited as start canary) runs it',
  'phoenixOps.argoPromote': 'progressive action',
  'phoenixOps.argoPromoteFull': 'progressive action',
  'phoenixOps.argoAbort': 'progressive action',
  'phoenixOps.argoRetry': 'progressive action',
  'phoenixOps.flaggerSuspend': 'progressive action',
  'phoenixOps.flaggerResume': 'progressive action',
  'phoenixOps.flaggerSkipAnalysis': 'progressive action',
  'phoenixOps.blueGreenSwitch': 'blue-green switch',
  'phoenixOps.blueGreenSwitchBack': 'blue-green switch back',
  'phoenixOps.blueGreenCleanup': 'blue-green clean-up',
};

describe('security: the guard in a real extension host (sandbox)', function () {
  this.timeout(120_000);
  let cockpit: CockpitApi;
  let amUrl: string;

  const replicas = (name: string) => kubectl('get', 'deployment', name, '-o', 'jsonpath={.spec.replicas}/{.spec.paused}/{.spec.template.spec.containers[0].image}/{.metadata.annotations.deployment\\.kubernetes\\.io/revision}');
  const podNames = () => kubectl('get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}');
  const MUTATING: Record<string, Mutating> = {
    'phoenixOps.deletePod': { action: 'delete pod', args: async () => [{ context: 'phoenix-dev', namespace: 'phase-5', pod: (await podNames()).split(' ')[0] }], state: podNames },
    'phoenixOps.deletePods': { action: 'delete pods', args: () => [deployment('frontend'), 'app=frontend'], state: podNames },
    'phoenixOps.cordonNode': { action: 'cordon node', args: () => [{ context: 'phoenix-dev', name: 'phoenix-dev-worker-1' }], state: () => kubectl('get', 'nodes', '-o', 'jsonpath={.items[*].spec.unschedulable}') },
    'phoenixOps.uncordonNode': { action: 'uncordon node', args: () => [{ context: 'phoenix-dev', name: 'phoenix-dev-worker-1' }], state: () => kubectl('get', 'nodes', '-o', 'jsonpath={.items[*].spec.unschedulable}') },
    'phoenixOps.drainNode': { action: 'drain node', args: () => [{ context: 'phoenix-dev', name: 'phoenix-dev-worker-1' }], state: () => kubectl('get', 'nodes,pods', '-A', '-o', 'jsonpath={.items[*].spec.unschedulable} {.items[*].metadata.uid}') },
    // Exec is `create pods/exec` in RBAC terms: blocked before any terminal (and kubectl) is started.
    'phoenixOps.execPod': {
      action: 'exec',
      args: async () => [{ context: 'phoenix-dev', namespace: 'phase-5', pod: await kubectl('get', 'pods', '-l', 'app=backend', '-o', 'jsonpath={.items[0].metadata.name}'), container: 'backend' }],
      state: () => vscode.window.terminals.map((t) => t.name).join(','),
    },
    // pods/portforward is `create` in RBAC: no forward is listed and nothing listens on the local port asked for.
    'phoenixOps.portForward': {
      action: 'port-forward',
      args: async () => [{ context: 'phoenix-dev', namespace: 'phase-5', pod: (await podNames()).split(' ')[0] }, { remotePort: 8080, localPort: 18931 }],
      state: async () => `${cockpit.portForwards().length} forwards; 18931 ${(await isLocalPortFree(18931)) ? 'free' : 'taken'}`,
    },
    // Dry-runs on the server (stores nothing), opens the diff, then the guard refuses: frontend keeps its replicas.
    'phoenixOps.applyFile': { action: 'apply file', args: async () => [await manifestFile('frontend', 4), { context: 'phoenix-dev', namespace: 'phase-5' }], state: () => replicas('frontend') },
    // Any kind in the Resources view: Delete, a CronJob's Run Now, and Reveal of a Secret's key (a sensitive read).
    'phoenixOps.deleteResource': { action: 'delete', args: () => [resourceRow('ConfigMap', 'configmaps', '', 'guard-probe')], state: () => kubectl('get', 'configmaps,cronjobs,jobs', '-o', 'name') },
    'phoenixOps.runCronJobNow': { action: 'run cronjob now', args: () => [resourceRow('CronJob', 'cronjobs', 'batch', 'guard-probe')], state: () => kubectl('get', 'jobs', '-o', 'name') },
    'phoenixOps.revealSecretKey': {
      action: 'reveal secret key',
      args: () => [{ kind: 'secretKey', id: 'probe/token', context: 'phoenix-dev', namespace: 'phase-5', secret: 'guard-probe', key: 'token', bytes: PROBE_SECRET.length }],
      state: () => Promise.resolve(vscode.env.clipboard.readText()),
    },
    'phoenixOps.useAsKubectlContext': { action: 'use as kubectl current-context', args: () => [{ entry: { name: 'phoenix-prod' } }], state: () => readFileSync(process.env.KUBECONFIG ?? '', 'utf8') },
    'phoenixOps.restartDeployment': { action: 'restart', args: () => [deployment('frontend'), { follow: false }], state: () => replicas('frontend') },
    'phoenixOps.scaleDeployment': { action: 'scale', args: () => [deployment('frontend'), 0], state: () => replicas('frontend') },
    'phoenixOps.pauseDeployment': { action: 'pause', args: () => [deployment('frontend')], state: () => replicas('frontend') },
    'phoenixOps.resumeDeployment': { action: 'resume', args: () => [deployment('backend')], state: () => replicas('backend') },
    'phoenixOps.setImage': { action: 'set image', args: () => [deployment('frontend'), 'frontend', 'registry.example/frontend:evil', { follow: false }], state: () => replicas('frontend') },
    'phoenixOps.rollBackDeployment': { action: 'rollback', args: () => [deployment('frontend'), 0, { follow: false }], state: () => replicas('frontend') },
    'phoenixOps.silenceAlert': {
      action: 'silence alert',
      args: () => [{ key: 'k', name: 'GuardProbe', labels: { alertname: 'GuardProbe' }, annotations: {}, state: 'firing', sources: [amUrl], silencedBy: [] }, { minutes: 5, comment: 'must not happen' }],
      state: async () => JSON.stringify(((await (await fetch(`${amUrl}/api/v2/silences`)).json()) as Array<{ status: { state: string } }>).filter((s) => s.status.state === 'active').length),
    },
    'phoenixOps.expireSilence': { action: 'expire silence', args: () => [{ id: 'does-not-matter', matchers: [], sources: [amUrl] }] },
    'phoenixOps.createExperiment': { action: 'create experiment', args: () => [{ name: 'guard-probe', baselinePipeline: 'process-baseline-v1', candidatePipeline: 'process-hybrid-v1', targetNamespaces: ['default'] }] },
    'phoenixOps.stopExperiment': { action: 'stop experiment', args: () => [{ id: 'exp-guard', name: 'guard-probe-running', phase: 'running' }] },
    'phoenixOps.requeueTask': { action: 'requeue task', args: () => [{ id: '999999', hostId: 'agent-001', status: 'failed', type: 't', action: 'a' }] },
  };

  before(async () => {
    const ext = vscode.extensions.getExtension<CockpitApi>(EXTENSION_ID);
    assert.ok(ext);
    cockpit = await ext.activate();
    amUrl = config().get<string[]>('alertmanager.urls')?.[0] ?? '';
    assert.ok(amUrl, 'the sandbox settings name an Alertmanager');
    // A paused deployment, so Resume has something to do (frontend's seeded history gives Roll Back somewhere to go).
    await kubectl('rollout', 'pause', 'deployment/backend');
    // Objects for the Resources view's guarded actions.
    await kubectl('create', 'configmap', 'guard-probe', '--from-literal=a=b');
    await kubectl('create', 'cronjob', 'guard-probe', '--image=busybox:1.36', '--schedule=*/5 * * * *');
    await kubectl('create', 'secret', 'generic', 'guard-probe', `--from-literal=token=${PROBE_SECRET}`);
  });
  after(async () => {
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Global);
    await config().update('protectedContexts', undefined, vscode.ConfigurationTarget.Workspace);
    await kubectl('rollout', 'resume', 'deployment/backend').catch(() => '');
    await kubectl('delete', 'configmap/guard-probe', 'cronjob/guard-probe', 'secret/guard-probe', '--ignore-not-found').catch(() => '');
  });

  it('classifies every contributed command: each one that changes something is listed with how it is driven', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const classified = [...Object.keys(MUTATING), ...Object.keys(NOT_MUTATING), ...Object.keys(MUTATING_PROVEN_IN_BACKUPS_SUITE), ...Object.keys(MUTATING_ROLLOUT_CONTROLS)].sort();
    assert.deepEqual(declared, classified, 'a new command must be put in MUTATING (with its test) or NOT_MUTATING (with why)');
  });

  it('blocks every command that changes something in read-only mode, audits it as blocked, and changes nothing', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const since = new Date().toISOString();
    for (const [id, m] of Object.entries(MUTATING)) {
      const before = await m.state?.();
      await vscode.commands.executeCommand(id, ...(await m.args()));
      const record = await waitFor(`the audit record of ${id}`, () => {
        const lines = auditLines(cockpit.auditFile);
        return lines.find((l) => l.time >= since && l.action === m.action);
      });
      assert.equal(record.outcome, 'blocked', `${id}: ${JSON.stringify(record)}`);
      assert.match(record.detail ?? '', /^Read-only mode is on: .* was not done\. Turn off phoenixOps\.readOnly to make changes\.$/);
      if (m.state) assert.equal(await m.state(), before, `${id} changed nothing`);
    }
    assert.ok(!readFileSync(cockpit.auditFile, 'utf8').includes(PROBE_SECRET), 'no audit line holds a Secret value');
  });

  it('a workspace may turn read-only on and add protected contexts, never turn read-only off or remove a protected context', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Global);
    await config().update('readOnly', false, vscode.ConfigurationTarget.Workspace);
    const since = new Date().toISOString();
    const before = await replicas('frontend');
    await vscode.commands.executeCommand('phoenixOps.scaleDeployment', deployment('frontend'), 3);
    const record = await waitFor('the audit record', () => auditLines(cockpit.auditFile).find((l) => l.time >= since && l.action === 'scale'));
    assert.equal(record.outcome, 'blocked', "the user's own read-only stays on");
    assert.equal(await replicas('frontend'), before);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Global);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);

    // Emptying the protected contexts in the workspace leaves the user's (and the default's) in force.
    await config().update('protectedContexts', [], vscode.ConfigurationTarget.Workspace);
    const prod = await waitFor('phoenix-prod still protected', async () => (await rows(cockpit.clustersTree)).find((r) => r.label === 'phoenix-prod' && /protected/.test(r.description)));
    assert.ok(prod);
    // Adding one protects it.
    await config().update('protectedContexts', ['phoenix-dev'], vscode.ConfigurationTarget.Workspace);
    await waitFor('phoenix-dev protected too', async () => (await rows(cockpit.clustersTree)).find((r) => r.label === 'phoenix-dev' && /protected/.test(r.description)));
    await config().update('protectedContexts', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('commands use the settings as they are when they run: Set Database Password after a port change, Tail Logs after logs.maxStreams', async () => {
    const password = process.env.PHOENIX_SANDBOX_PG_PASSWORD ?? '';
    const port = config().get<number>('database.port');
    await config().update('database.port', 6543, vscode.ConfigurationTarget.Workspace);
    try {
      // The command checks the password against the connection it stores it for: nothing listens on 6543, so it is
      // saved unchecked there. A stale copy of the settings would check it against the sandbox's database, which rejects it.
      assert.equal(await vscode.commands.executeCommand('phoenixOps.setDatabasePassword', 'for-6543'), 'savedUnchecked');
    } finally {
      await config().update('database.port', port, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('phoenixOps.setDatabasePassword', password);
    }

    await config().update('logs.maxStreams', 1, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('phoenixOps.tailLogs', { context: 'phoenix-dev', namespace: 'phase-5', labelSelector: 'app=backend' }, { tailLines: 1 });
      await waitFor('the tail to follow one container and say so', () => cockpit.logTails().find((t) => t.notices.some((n) => /Following at most 1 containers/.test(n))), 30_000);
    } finally {
      await config().update('logs.maxStreams', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
