// The incident timeline inside a real extension host against the sandbox: an alert fires, the on-call engineer
// scales a deployment, silences the alert and runs a runbook step; the exported timeline has all of it, in order,
// each line with its source, actor and outcome, and the silence once (the audit log's line, not Alertmanager's too).
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { waitFor } from '../../shared/waitFor';
import { kubectlIn } from './sandboxKubectl';
import { loadedCockpit } from './cockpit';
import { allRows } from './treeRows';
import { timelineLine } from './timelineLine';

const config = () => vscode.workspace.getConfiguration('phoenixOps');
const NS = 'phase-5';

async function replicas(name: string): Promise<number> {
  return Number(await kubectlIn(NS, 'get', 'deployment', name, '-o', 'jsonpath={.spec.replicas}'));
}

async function trigger(path: string): Promise<void> {
  const res = await fetch(`${config().get<string>('platformApi.url')}${path}`, { method: 'POST' });
  assert.ok(res.ok, `${path}: ${res.status}`);
}

describe('incident timeline (extension host, sandbox)', function () {
  this.timeout(120_000);
  let cockpit: CockpitApi;

  before(async () => {
    cockpit = await loadedCockpit();
    await vscode.commands.executeCommand('phoenixOps.selectContext', { entry: { name: 'phoenix-dev' } });
    // The Alerts view polls only while visible: show it as a user would.
    await vscode.commands.executeCommand('phoenixOps.alerts.focus');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('holds the alert firing, a scale, a silence and a runbook step in order, with source, actor and outcome', async () => {
    const target = { context: 'phoenix-dev', namespace: NS, name: 'notification' };
    let silenced = false;
    const scaledFrom = await replicas('notification');
    let scaled = false;
    await trigger('/sandbox/queue/flood?count=150');
    try {
      const alert = await waitFor('TaskQueueBackup firing in the Alerts tree', async () => (await allRows(cockpit.alertsTree)).find((r) => /^Phoenix task queue backing up/.test(r.label) && r.contextValue === 'alert.firing.runbook'), 60_000);

      // One more replica than now (a scale to the same count sends nothing and audits nothing).
      const outcome = await vscode.commands.executeCommand<{ applied: boolean }>('phoenixOps.scaleDeployment', target, scaledFrom + 1);
      assert.equal(outcome.applied, true, 'the scale was applied');
      scaled = true;

      const ids = await vscode.commands.executeCommand<string[] | undefined>('phoenixOps.silenceAlert', alert.node, { minutes: 15, comment: 'timeline-test acknowledged' });
      assert.ok(ids?.length, 'the silence was created');
      silenced = true;

      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'runbooks', 'timeline-story.runbook.md');
      writeFileSync(uri.fsPath, '# Story\n\n```sh { name=check-queue }\necho checking the queue\n```\n');
      await vscode.commands.executeCommand('vscode.openWith', uri, 'phoenix-runbook');
      const editor = await waitFor('the runbook open', () => (vscode.window.activeNotebookEditor?.notebook.uri.toString() === uri.toString() ? vscode.window.activeNotebookEditor : undefined), 30_000);
      const cell = editor.notebook.cellAt(1);
      await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 1, end: 2 }], document: uri });
      await waitFor('the step to finish', () => cell.executionSummary?.timing?.endTime, 60_000);
      assert.equal(cell.executionSummary?.success, true);

      const md = await vscode.commands.executeCommand<string>('phoenixOps.exportIncidentTimeline', uri);
      const lines = md.split('\n').filter((l) => l.startsWith('- '));
      // The last line of each kind: the suites before this one in the same sandbox scaled, silenced and fired
      // the same objects within the window, and those earlier events are rightly in the timeline too.
      const find = (what: string, re: RegExp) => {
        let i = lines.length - 1;
        while (i >= 0 && !re.test(lines[i])) i--;
        assert.ok(i >= 0, `${what} is in the timeline:\n${md}`);
        return i;
      };
      const firing = find('the alert firing', timelineLine(/alert `TaskQueueBackup` \(critical\) firing .* — firing.* · (Alertmanager|Prometheus), by Prometheus/));
      const scale = find('the scale', timelineLine(new RegExp(`scale \`deployment/notification\` on phoenix-dev/phase-5: \`scale ${scaledFrom} → ${scaledFrom + 1} replicas\` — succeeded · audit log, by \\S+$`)));
      const silence = find('the silence', timelineLine(/silence alert `alert\/TaskQueueBackup` on alertmanager: .*timeline-test acknowledged.* — succeeded · audit log, by \S+$/));
      const step = find('the runbook step', timelineLine(/check-queue on phoenix-dev\/\S+: `echo checking the queue` — succeeded in .* · runbook, by \S+$/));
      assert.ok(firing < scale && scale < silence && silence < step, `in order (alert ${firing}, scale ${scale}, silence ${silence}, step ${step}):\n${md}`);
      assert.equal(lines.filter((l) => /timeline-test acknowledged/.test(l)).length, 1, `Alertmanager's record of the cockpit's silence is the same event:\n${md}`);
      assert.doesNotMatch(md, /Incomplete/, 'every sandbox source answered');
      assert.match(md, /Read: runbook, audit log, Alertmanager \(silences\), Alertmanager \(alerts firing now\), Prometheus \(alert history\), platform API \(experiments\)\.$/m);
    } finally {
      await trigger('/sandbox/queue/drain');
      const row = silenced ? (await allRows(cockpit.alertsTree)).find((r) => r.contextValue === 'silence' && /timeline-test/.test(r.description)) : undefined;
      if (row) await vscode.commands.executeCommand('phoenixOps.expireSilence', row.node);
      if (scaled) await vscode.commands.executeCommand('phoenixOps.scaleDeployment', target, scaledFrom);
    }
  });

  it('reads the audit log\'s rotated generation too: a change recorded before the file rotated is in the timeline', async () => {
    // What the audit log leaves after a rotation: the older lines in audit.jsonl.1 (it rotates at 10 MiB).
    const rotated = `${cockpit.auditFile}.1`;
    const record = { time: new Date(Date.now() - 30_000).toISOString(), user: 'oncall', context: 'phoenix-dev', namespace: NS, object: 'deployment/rotated-record', action: 'restart', outcome: 'succeeded', detail: 'before the rotation' };
    writeFileSync(rotated, `${JSON.stringify(record)}\n`);
    try {
      const md = await vscode.commands.executeCommand<string>('phoenixOps.exportIncidentTimeline');
      assert.match(md, timelineLine(/restart `deployment\/rotated-record` on phoenix-dev\/phase-5: `before the rotation` — succeeded · audit log, by oncall$/), md);
    } finally {
      rmSync(rotated, { force: true });
    }
  });
});
