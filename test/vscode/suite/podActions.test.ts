// Pod actions inside a real extension host against the sandbox: Describe Pod opens a read-only phoenix-ops-pod: document
// with kubectl's fields; Previous Logs of a pod that never restarted says so; read-only mode blocks Delete Pod and
// Delete Pods… at the guard, audits them as blocked, and every pod is still there (checked with real kubectl).
// Shell / Exec… opens a terminal running real kubectl exec (its exit status is the command's), audited with the
// container; read-only mode blocks it before any terminal starts; a kubectl that is not there is named with its setting.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { loadedCockpit } from './cockpit';

const NS = 'phase-5';
const home = mkdtempSync(join(tmpdir(), 'phoenix-kubectl-'));
const config = () => vscode.workspace.getConfiguration('phoenixOps');

async function kubectl(...args: string[]): Promise<string> {
  const kubeconfig = process.env.PHOENIX_SANDBOX_KUBECONFIG ?? process.env.KUBECONFIG ?? '';
  return (await promisify(execFile)('kubectl', [`--kubeconfig=${kubeconfig}`, '--context=phoenix-dev', '-n', NS, ...args], { env: { ...process.env, HOME: home }, timeout: 30_000 })).stdout;
}

const podsOf = async (app: string) => (await kubectl('get', 'pods', '-l', `app=${app}`, '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}')).split('\n').filter(Boolean).sort();

describe('Pod actions (extension host, sandbox)', function () {
  this.timeout(90_000);
  let cockpit: CockpitApi;
  before(async () => {
    cockpit = await loadedCockpit();
    await vscode.commands.executeCommand('phoenixOps.selectContext', { entry: { name: 'phoenix-dev' } });
  });
  after(async () => {
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('kubectlPath', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Describe Pod opens a read-only document with the fields kubectl describe shows', async () => {
    const [pod] = await podsOf('backend');
    assert.ok(pod);
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('phoenixOps.describePod', { context: 'phoenix-dev', namespace: NS, pod });
    assert.equal(doc.uri.scheme, 'phoenix-ops-pod');
    const text = doc.getText();
    assert.match(text, new RegExp(`^Name:\\s+${pod}$`, 'm'));
    assert.match(text, /^Namespace:\s+phase-5$/m);
    assert.match(text, /^Controlled By:\s+ReplicaSet\/backend-\w+$/m);
    assert.match(text, /^ {2}backend:\n {4}Container ID:\s+containerd:\/\/\w+\n {4}Image:\s+ghcr\.io\/phase5\/todo-app-backend:/m);
    assert.match(text, /^ {4}Ready:\s+True$/m);
    assert.match(text, /^Events:/m);
  });

  it("Previous Logs of a container that never restarted says there is none, in the API server's words", async () => {
    const [pod] = await podsOf('backend');
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('phoenixOps.previousLogs', { context: 'phoenix-dev', namespace: NS, pod }, 'backend');
    assert.match(doc.getText(), /There is no previous container: backend has not terminated and restarted/);
    assert.match(doc.getText(), new RegExp(`previous terminated container "backend" in pod "${pod}" not found`));
  });

  it('read-only mode blocks Delete Pod and Delete Pods… at the guard: audited as blocked, every pod still there', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const before = await podsOf('frontend');
    assert.ok(before.length >= 1);
    const since = new Date().toISOString();
    const one = await vscode.commands.executeCommand<{ deleted: string[]; why?: string }>('phoenixOps.deletePod', { context: 'phoenix-dev', namespace: NS, pod: before[0] });
    assert.deepEqual(one, { deleted: [], why: 'blocked' });
    const many = await vscode.commands.executeCommand<{ deleted: string[]; why?: string }>('phoenixOps.deletePods', { context: 'phoenix-dev', namespace: NS, name: 'frontend' }, 'app=frontend');
    assert.deepEqual(many, { deleted: [], why: 'blocked' });
    const audited = await waitFor('two blocked audit records', () => {
      const lines = readFileSync(cockpit.auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { time: string; action: string; object: string; outcome: string });
      const mine = lines.filter((l) => l.time >= since && l.action.startsWith('delete pod'));
      return mine.length >= 2 ? mine : undefined;
    });
    assert.deepEqual(audited.map((l) => [l.action, l.object, l.outcome]), [
      ['delete pod', `pod/${before[0]}`, 'blocked'],
      ['delete pods', 'pods -l app=frontend', 'blocked'],
    ]);
    assert.deepEqual(await podsOf('frontend'), before);
    const deleting = await kubectl('get', 'pods', '-l', 'app=frontend', '-o', 'jsonpath={.items[*].metadata.deletionTimestamp}');
    assert.equal(deleting.trim(), '', 'no pod is being deleted');
  });

  type ExecOutcome = { opened: true; terminal: vscode.Terminal; container: string; args: string[] } | { opened: false; why: string; message?: string };
  interface AuditLine {
    time: string;
    user: string;
    action: string;
    context: string;
    namespace?: string;
    object: string;
    outcome: string;
    detail?: string;
  }
  const auditSince = (since: string, action: string) => readFileSync(cockpit.auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditLine).filter((l) => l.time >= since && l.action === action);

  it("Shell / Exec… runs real kubectl exec in a terminal on the cockpit's context: the command's exit status, audited with the container", async () => {
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace); // the delete test above left it on
    const [pod] = await podsOf('backend');
    assert.ok(pod);
    const since = new Date().toISOString();
    const r = await vscode.commands.executeCommand<ExecOutcome>('phoenixOps.execPod', { context: 'phoenix-dev', namespace: NS, pod, container: 'backend', command: ['sh', '-c', 'test "$HOSTNAME" = "$0" && exit 7', pod] });
    assert.ok(r.opened, JSON.stringify(r));
    assert.deepEqual(r.args.slice(0, 7), ['exec', '-i', '-t', pod, '--container=backend', '--context=phoenix-dev', `--namespace=${NS}`]);
    assert.equal(r.terminal.name, `${pod}/backend (phoenix-dev)`);
    // 7 only if kubectl reached the simulated container of that very pod (its HOSTNAME) and passed its exit code on.
    const code = await waitFor('the kubectl exec terminal to end', () => r.terminal.exitStatus?.code, { timeoutMs: 60_000 });
    assert.equal(code, 7);
    const [record] = auditSince(since, 'exec');
    assert.ok(record);
    assert.equal(record.outcome, 'succeeded');
    assert.equal(record.context, 'phoenix-dev');
    assert.equal(record.namespace, NS);
    assert.equal(record.object, `pod/${pod}`);
    assert.ok(record.user.length > 0);
    assert.match(record.detail ?? '', /^container backend: kubectl exec -i -t /);
    r.terminal.dispose();
  });

  it('read-only mode blocks Shell / Exec… before any terminal starts, audited as blocked', async () => {
    await config().update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    const [pod] = await podsOf('backend');
    const since = new Date().toISOString();
    const terminals = vscode.window.terminals.length;
    const r = await vscode.commands.executeCommand<ExecOutcome>('phoenixOps.execPod', { context: 'phoenix-dev', namespace: NS, pod, container: 'backend' });
    assert.deepEqual(r, { opened: false, why: 'blocked' });
    const record = await waitFor('the blocked audit record', () => auditSince(since, 'exec')[0]);
    assert.equal(record.outcome, 'blocked');
    assert.equal(record.object, `pod/${pod}`);
    assert.equal(vscode.window.terminals.length, terminals);
    await config().update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('a kubectl that is not there is named with its setting, and nothing opens', async () => {
    await config().update('kubectlPath', '/nonexistent/bin/kubectl', vscode.ConfigurationTarget.Workspace);
    const [pod] = await podsOf('backend');
    const terminals = vscode.window.terminals.length;
    const r = await vscode.commands.executeCommand<ExecOutcome>('phoenixOps.execPod', { context: 'phoenix-dev', namespace: NS, pod, container: 'backend' });
    assert.ok(!r.opened);
    assert.equal(r.why, 'failed');
    assert.match(r.message ?? '', /phoenixOps\.kubectlPath is "\/nonexistent\/bin\/kubectl", which is not an executable file/);
    assert.equal(vscode.window.terminals.length, terminals);
    await config().update('kubectlPath', undefined, vscode.ConfigurationTarget.Workspace);
  });
});
