// Runbook notebooks inside a real extension host against the sandbox: opening, byte-exact saving, running
// shell/SQL/PromQL steps, the session's environment, kubectl on the cockpit's selection, read-only, cancel.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { loadedCockpit } from './cockpit';
import { RUNBOOK_MIME } from '../../../src/shared/runbookOutput';
import { waitFor } from '../../shared/waitFor';
import { timelineLine } from './timelineLine';

const TYPE = 'phoenix-runbook';

async function api(): Promise<CockpitApi> {
  return loadedCockpit();
}

function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function openRunbook(uri: vscode.Uri): Promise<vscode.NotebookEditor> {
  await vscode.commands.executeCommand('vscode.openWith', uri, TYPE);
  return waitFor(`${uri.path} open as a runbook`, () => {
    const ed = vscode.window.activeNotebookEditor;
    return ed?.notebook.uri.toString() === uri.toString() ? ed : undefined;
  }, 30_000);
}

function outputText(cell: vscode.NotebookCell): string {
  const dec = new TextDecoder();
  return cell.outputs.flatMap((o) => o.items.filter((i) => i.mime.startsWith('application/vnd.code.notebook.std') || i.mime === 'text/plain').map((i) => dec.decode(i.data))).join('');
}

function outputJson<T>(cell: vscode.NotebookCell, mime: string): T[] {
  return cell.outputs.flatMap((o) => o.items.filter((i) => i.mime === mime).map((i) => JSON.parse(new TextDecoder().decode(i.data)) as T));
}

/** Runs cells [start, end) and waits until each has finished; returns whether each succeeded. */
async function run(editor: vscode.NotebookEditor, start: number, end = start + 1): Promise<Array<boolean | undefined>> {
  const cells = editor.notebook.getCells(new vscode.NotebookRange(start, end));
  const before = cells.map((c) => c.executionSummary?.executionOrder);
  await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start, end }], document: editor.notebook.uri });
  await waitFor(`cells ${start}..${end - 1} to finish`, () => cells.every((c, i) => c.executionSummary?.executionOrder !== before[i] && c.executionSummary?.timing?.endTime) || undefined, 60_000).catch((e: unknown) => {
    throw new Error(`${String(e)}; outputs: ${cells.map((c) => `[${c.index}: ${JSON.stringify(c.executionSummary)} ${outputText(c)}]`).join(' ')}`);
  });
  return cells.map((c) => c.executionSummary?.success);
}

/** Runs one cell and answers its promptEnv question with `command` (accept or close) once the box is up, until the cell ends. */
async function runAnswering(editor: vscode.NotebookEditor, index: number, command: string): Promise<Array<boolean | undefined>> {
  const cell = editor.notebook.cellAt(index);
  const before = cell.executionSummary?.executionOrder;
  // Not awaited here: the command resolves only when the cell has ended, and the cell waits for its answer.
  const executing = vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: editor.notebook.uri });
  // The box is not visible to the extension API: the command is given until the cell has ended (a no-op while no box is open).
  await waitFor(`cell ${index} to end after its question is answered`, async () => {
    if (cell.executionSummary?.executionOrder !== before && cell.executionSummary?.timing?.endTime) return true;
    await vscode.commands.executeCommand(command);
    return undefined;
  }, 60_000).catch((e: unknown) => {
    throw new Error(`${String(e)}; cell: ${JSON.stringify(cell.executionSummary)} ${outputText(cell)}`);
  });
  await executing;
  return [cell.executionSummary?.success];
}

async function writeRunbook(name: string, text: string): Promise<vscode.NotebookEditor> {
  const uri = workspaceFile('runbooks', name);
  writeFileSync(uri.fsPath, text);
  return openRunbook(uri);
}

describe('runbook notebooks', function () {
  this.timeout(90_000);

  before(async () => {
    await api();
    const password = process.env.PHOENIX_SANDBOX_PG_PASSWORD;
    assert.ok(password, 'run.ts passes the sandbox database password');
    await vscode.commands.executeCommand('phoenixOps.setDatabasePassword', password);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens *.runbook.md as a runbook notebook by default, plain .md in the text editor, any .md with Open as Runbook', async () => {
    const t0 = Date.now();
    const runbook = workspaceFile('runbooks', 'high-error-rate.runbook.md');
    await vscode.commands.executeCommand('vscode.open', runbook);
    const nb = await waitFor('the runbook notebook', () => vscode.window.activeNotebookEditor?.notebook, 30_000);
    assert.equal(nb.notebookType, TYPE);
    const code = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.ok(code.length >= 8, `${code.length} code cells`);
    assert.deepEqual([...new Set(code.map((c) => c.document.languageId))].sort(), ['postgres', 'promql', 'shellscript']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    console.log(`      runbook opened and closed at ${Date.now() - t0} ms`);
    const plain = workspaceFile('runbooks', 'notes.md');
    writeFileSync(plain.fsPath, '# Notes\n\n```sh\necho plain\n```\n');
    await vscode.commands.executeCommand('vscode.open', plain);
    await waitFor('a text editor on notes.md', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('notes.md') || undefined, 30_000);
    assert.equal(vscode.window.activeNotebookEditor, undefined);
    console.log(`      notes.md in the text editor at ${Date.now() - t0} ms`);
    await vscode.commands.executeCommand('phoenixOps.openAsRunbook');
    const asRunbook = await waitFor('notes.md as a runbook', () => vscode.window.activeNotebookEditor?.notebook, 30_000);
    assert.equal(asRunbook.notebookType, TYPE);
    assert.equal(asRunbook.cellCount, 2);
    console.log(`      notes.md as a runbook at ${Date.now() - t0} ms`);
  });

  it('saves byte for byte: an edit changes only its cell, undoing it restores the file exactly (CRLF, tabs, front matter, no final newline)', async () => {
    const original =
      '---\r\ntitle: round trip\r\n---\r\n\r\nSetext\r\n======\r\n\r\n* [ ] item  \r\n\t* nested\r\n\r\n1. Step\r\n   ```sh { name=a }\r\n   echo one\r\n   ```\r\n\r\n~~~~ sql\r\nSELECT 1;\r\n~~~~\r\n<div>\r\n```\r\nnot a fence\r\n```\r\n</div>\r\n\r\nend without newline';
    const editor = await writeRunbook('roundtrip.md', original);
    const file = editor.notebook.uri.fsPath;
    const cells = editor.notebook.getCells();
    const sh = cells.find((c) => c.document.getText() === 'echo one');
    assert.ok(sh, cells.map((c) => JSON.stringify(c.document.getText())).join(' | '));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(sh.document.uri, new vscode.Range(0, 5, 0, 8), 'two');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // save() is false while the notebook is not (yet) dirty: the cell edit reaches the notebook a moment later, later still on a loaded machine.
    await waitFor('the edit to make the notebook dirty', () => editor.notebook.isDirty);
    assert.ok(await editor.notebook.save());
    assert.equal(readFileSync(file, 'utf8'), original.replace('echo one', 'echo two'));
    const back = new vscode.WorkspaceEdit();
    back.replace(sh.document.uri, new vscode.Range(0, 5, 0, 8), 'one');
    assert.ok(await vscode.workspace.applyEdit(back));
    await waitFor('the edit back to make the notebook dirty', () => editor.notebook.isDirty);
    assert.ok(await editor.notebook.save());
    assert.equal(readFileSync(file, 'utf8'), original);
  });

  it('runs shell steps in one session: exported variables and the directory carry over; kubectl uses the cockpit selection', async () => {
    const cockpit = await api();
    await vscode.commands.executeCommand('phoenixOps.selectNamespace', { kind: 'namespace', context: 'phoenix-dev', name: 'phase-5' });
    const editor = await writeRunbook(
      'session.runbook.md',
      '# Session\n\n```sh { promptEnv=no }\nexport GREETING=hello\nSTEP=one\ncd /tmp\n```\n\n```sh\necho "$GREETING $STEP $(pwd)"\nkubectl config current-context\nkubectl get deployments -o name\n```\n\n```yaml\nnot: runnable\n```\n',
    );
    assert.deepEqual(await run(editor, 1), [true]);
    assert.deepEqual(await run(editor, 2), [true]);
    const out = outputText(editor.notebook.cellAt(2));
    assert.match(out, /^hello one \/tmp$/m);
    assert.match(out, /^phoenix-dev$/m);
    // The cockpit's namespace (phase-5), not the kubeconfig's default (phoenix-system).
    assert.match(out, /deployment\.apps\/backend/);
    assert.doesNotMatch(out, /platform-api/);
    assert.deepEqual(await run(editor, 3), [undefined]);
    assert.match(outputText(editor.notebook.cellAt(3)), /Not runnable: "yaml" blocks are shown, not run/);
    const session = cockpit.runbookSession(editor.notebook.uri);
    assert.equal(session?.transcript.length, 2);
    await vscode.commands.executeCommand('phoenixOps.selectNamespace', { kind: 'namespace', context: 'phoenix-dev', name: 'phoenix-system' });
  });

  it('promptEnv: a cell exporting a variable asks for it (the quoted value offered), the answer reaches a later cell; Escape cancels a cell, nothing of it runs', async function () {
    this.timeout(180_000);
    const marker = workspaceFile('runbooks', 'promptenv-marker').fsPath;
    const editor = await writeRunbook(
      'promptenv.runbook.md',
      `# Prompts\n\n\`\`\`sh\nexport RELEASE_NAME="phoenix-canary"\necho "release: $RELEASE_NAME"\n\`\`\`\n\n\`\`\`sh\necho "later: $RELEASE_NAME"\n\`\`\`\n\n\`\`\`sh\nexport TICKET=\ntouch ${marker}\n\`\`\`\n`,
    );
    // The question is an input box (Runme's "Set Environment Variable"): Enter takes the offered value.
    const answered = runAnswering(editor, 1, 'workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await answered, [true]);
    assert.match(outputText(editor.notebook.cellAt(1)), /^release: phoenix-canary$/m);
    assert.deepEqual(await run(editor, 2), [true], 'a later cell is not asked: the session has the value');
    assert.match(outputText(editor.notebook.cellAt(2)), /^later: phoenix-canary$/m);
    // Escape: the cell fails saying what was not set, and none of it ran.
    assert.deepEqual(await runAnswering(editor, 3, 'workbench.action.closeQuickOpen'), [false]);
    assert.match(outputText(editor.notebook.cellAt(3)), /cancelled: TICKET not set/);
    assert.equal(existsSync(marker), false, 'nothing of the cancelled cell ran');
    const transcript = ((await api()).runbookSession(editor.notebook.uri)?.transcript ?? []) as Array<{ outcome: string; message?: string }>;
    assert.deepEqual(transcript.map((e) => e.outcome), ['succeeded', 'succeeded', 'cancelled']);
    assert.match(transcript[2].message ?? '', /^cancelled: TICKET not set/);
  });

  it('interactive=true runs the cell in a terminal the user types into; the cell says where it ran and its exit code', async function () {
    this.timeout(180_000);
    const editor = await writeRunbook('interactive.runbook.md', '# Interactive\n\n```sh { name=greet interactive=true }\nread -r WHO\necho "hello $WHO"\nexit 3\n```\n');
    const cell = editor.notebook.cellAt(1);
    // Not awaited yet: the command resolves when the cell has ended, which waits for what is typed.
    const executing = vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 1, end: 2 }], document: editor.notebook.uri });
    const terminal = await waitFor('the step\'s terminal', () => vscode.window.terminals.find((t) => t.name === 'Runbook: greet'), 30_000).catch((e: unknown) => {
      throw new Error(`${String(e)}; terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')}; cell: ${JSON.stringify(cell.executionSummary)} ${outputText(cell)}`);
    });
    // What the user types (a line, Enter) reaches the step's `read`.
    terminal.sendText('on-call', true);
    await waitFor('the interactive cell to end', () => cell.executionSummary?.timing?.endTime, 60_000).catch((e: unknown) => {
      throw new Error(`${String(e)}; cell: ${JSON.stringify(cell.executionSummary)} ${outputText(cell)}`);
    });
    await executing;
    assert.equal(cell.executionSummary?.success, false);
    const out = outputText(cell);
    assert.match(out, /^hello on-call$/m);
    assert.match(out, /Ran in the terminal "Runbook: greet" \(interactive=true\): exit code 3\./);
    terminal.dispose();
  });

  it('runs SQL (tables with types) and PromQL (instant and range) steps against the sandbox', async () => {
    const editor = await writeRunbook(
      'queries.runbook.md',
      '# Q\n\n```sql\nSELECT 1::int AS one, now() AS at, NULL::text AS nothing;\nSELECT generate_series(1, 1500) AS n;\n```\n\n```promql\nup\n```\n\n```promql { range=2m step=10s }\nsum(up)\n```\n\n```sql\nSELEC broken;\n```\n',
    );
    assert.deepEqual(await run(editor, 1), [true]);
    const tables = outputJson<{ columns: Array<{ name: string; type: string }>; rows: unknown[][]; rowCount: number | null; truncated?: boolean }>(editor.notebook.cellAt(1), RUNBOOK_MIME.sql);
    assert.equal(tables.length, 2);
    assert.deepEqual(tables[0].columns, [{ name: 'one', type: 'int4' }, { name: 'at', type: 'timestamptz' }, { name: 'nothing', type: 'text' }]);
    assert.equal(tables[0].rows[0][2], null);
    // Read through a cursor that stops at the cap: the rest is never fetched, so the total is not known.
    assert.equal(tables[1].rowCount, null);
    assert.equal(tables[1].rows.length, 1000);
    assert.equal(tables[1].truncated, true);
    assert.deepEqual(await run(editor, 2, 4), [true, true]);
    const instant = outputJson<{ resultType: string; series: unknown[] }>(editor.notebook.cellAt(2), RUNBOOK_MIME.promql)[0];
    assert.equal(instant.resultType, 'vector');
    assert.ok(instant.series.length > 0);
    const range = outputJson<{ resultType: string; range?: { stepSeconds: number } }>(editor.notebook.cellAt(3), RUNBOOK_MIME.promql)[0];
    assert.equal(range.resultType, 'matrix');
    assert.equal(range.range?.stepSeconds, 10);
    assert.deepEqual(await run(editor, 4), [false]);
    assert.match(outputText(editor.notebook.cellAt(4)), /ERROR 42601: syntax error at or near "SELEC"\nLINE 1: SELEC broken\n {8}\^/);
  });

  it('read-only mode blocks a destructive step with a message; cancel kills a hanging step and its children', async function () {
    this.timeout(180_000);
    const marker = join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '/tmp', 'deleted-marker');
    const editor = await writeRunbook('danger.runbook.md', `# D\n\n\`\`\`sh\nkubectl delete pod nothing-here -n phoenix-system; touch ${marker}\n\`\`\`\n\n\`\`\`sh\nsleep 300 & sleep 301\n\`\`\`\n`);
    const config = vscode.workspace.getConfiguration('phoenixOps');
    await config.update('readOnly', true, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepEqual(await run(editor, 1), [false]);
      assert.match(outputText(editor.notebook.cellAt(1)), /read-only mode is on/);
      assert.equal(existsSync(marker), false);
    } finally {
      await config.update('readOnly', undefined, vscode.ConfigurationTarget.Workspace);
    }
    void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 2, end: 3 }], document: editor.notebook.uri });
    const cell = editor.notebook.cellAt(2);
    await waitFor('the sleep to start', () => (isRunning('sleep 301') ? true : undefined), 30_000);
    await vscode.commands.executeCommand('notebook.cell.cancelExecution', { ranges: [{ start: 2, end: 3 }], document: editor.notebook.uri });
    // Ended by the cancel (the step would sleep 301 s); how fast lives in bench/, not here.
    await waitFor('the cell to end', () => cell.executionSummary?.timing?.endTime, 30_000);
    assert.equal(cell.executionSummary?.success, false);
    // A generous deadline (a loaded CI machine once needed more than 15 s here); a process that escapes still fails it.
    await waitFor('sleep 300 and 301 to be gone', () => (!isRunning('sleep 300') && !isRunning('sleep 301') ? true : undefined), 60_000).catch((e: unknown) => {
      // Seen once in CI (not reproduced): say which process stayed, with its parent and group, to find how it escaped.
      const left = execFileSync('ps', ['-eo', 'pid,ppid,pgid,sid,etimes,args'], { encoding: 'utf8' }).split('\n').filter((l) => /sleep 30[01]$/.test(l.trim()));
      throw new Error(`${String(e)}; still running (pid ppid pgid sid seconds args): ${left.join(' | ')}`);
    });
  });

  it('a step fails when any of its commands fails; Run All stops there, and goes on past a step that allows failure', async () => {
    const editor = await writeRunbook(
      'strict.runbook.md',
      '# S\n\n```sh\necho one\nfalse\necho three\n```\n\n```sh { allowFailure=true }\necho expected to fail\nfalse\n```\n\n```sh\necho reached\n```\n',
    );
    assert.deepEqual(await run(editor, 1), [false], 'the last line succeeding does not make the step succeed');
    const out = outputText(editor.notebook.cellAt(1));
    assert.match(out, /^one$/m);
    assert.doesNotMatch(out, /three/);
    assert.match(out, /✗ Stopped at line 2 \(`false`\), which exited with status 1/);
    // Run All from the top stops at the failing step: the next two never run.
    const order = (i: number) => editor.notebook.cellAt(i).executionSummary?.executionOrder;
    // (Blank lines between fences belong to the cell before: cells are 0 "# S", 1 strict, 2 allowFailure, 3 the last.)
    const [before2, before3] = [order(2), order(3)];
    await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 0, end: 4 }], document: editor.notebook.uri });
    assert.equal(editor.notebook.cellAt(1).executionSummary?.success, false);
    assert.deepEqual([order(2), order(3)], [before2, before3], 'Run All stopped at the failure');
    // A step that says failure is expected fails visibly, and Run All goes on.
    assert.deepEqual(await run(editor, 2, 4), [false, true]);
    assert.match(outputText(editor.notebook.cellAt(2)), /allowed: allowFailure=true; Run All goes on/);
    assert.match(outputText(editor.notebook.cellAt(3)), /^reached$/m);
  });

  it("a pipeline whose reader stops early succeeds (the writer's SIGPIPE is not a failure); a step's own set +e lets later lines run", async () => {
    const editor = await writeRunbook(
      'pipes.runbook.md',
      '# P\n\n```sh\nyes | head -1\nkubectl get ns -o name | head -1\necho after-pipe\n```\n\n```sh\nset +e\nfalse\necho after-false\nset -e\nfalse\necho never\n```\n\n```sh\nfalse | head -1\n```\n',
    );
    assert.deepEqual(await run(editor, 1), [true], outputText(editor.notebook.cellAt(1)));
    assert.match(outputText(editor.notebook.cellAt(1)), /^y\nnamespace\/\S+\nafter-pipe$/m);
    // set +e: the failure is let through; set -e again: the next failure stops the step.
    assert.deepEqual(await run(editor, 2), [false]);
    const out = outputText(editor.notebook.cellAt(2));
    assert.match(out, /^after-false$/m);
    assert.doesNotMatch(out, /never/);
    // A pipeline whose reader succeeded but whose writer failed for another reason still fails (pipefail).
    assert.deepEqual(await run(editor, 3), [false], outputText(editor.notebook.cellAt(3)));
  });

  it('a block without a closing fence is flagged with a diagnostic on its first line; a byte order mark does not hide the first fence', async () => {
    const text = '\uFEFF# Unclosed\n\n```sh\necho fine\n```\n\n```sh\necho this block never closes\n\nThen look at the dashboard.\n';
    const editor = await writeRunbook('unclosed.runbook.md', text);
    const code = editor.notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    assert.deepEqual(code.map((c) => c.document.getText()), ['echo fine', 'echo this block never closes\n\nThen look at the dashboard.']);
    const [closed, open] = code;
    assert.ok(closed && open);
    const diagnostics = await waitFor('the diagnostic', () => {
      const d = vscode.languages.getDiagnostics(open.document.uri);
      return d.length ? d : undefined;
    });
    assert.equal(diagnostics[0]?.range.start.line, 0);
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0]?.message ?? '', /no closing fence: Markdown runs it to the end of the file/);
    assert.deepEqual(vscode.languages.getDiagnostics(closed.document.uri), []);
    // Saved unchanged, the file keeps its mark and its bytes.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(closed.document.uri, new vscode.Range(0, 5, 0, 9), 'okay');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await editor.notebook.save());
    assert.equal(readFileSync(editor.notebook.uri.fsPath, 'utf8'), text.replace('echo fine', 'echo okay'));
  });

  it('Run From Here runs the cell and the runnable cells after it, stopping at the first failure; Run Up to Here runs from the top to it; ignored blocks are markdown and keep their bytes', async () => {
    const original = [
      '# R',
      '',
      '```sh',
      'echo c1',
      '```',
      '',
      '```sh',
      'echo c2',
      '```',
      '',
      '```sh { excludeFromRunAll=true }',
      'echo excluded',
      '```',
      '',
      '```sh { ignore=true }',
      'echo ignored',
      '```',
      '',
      '```sh',
      'echo c5',
      '```',
      '',
      '```sh',
      'exit 7',
      '```',
      '',
      '```sh',
      'echo c7',
      '```',
      '',
    ].join('\n');
    const editor = await writeRunbook('from-here.runbook.md', original);
    const nb = editor.notebook;
    // The ignore=true block is a markdown cell holding the whole block (rendered as code, never run), as in Runme.
    assert.equal(nb.cellAt(4).kind, vscode.NotebookCellKind.Markup);
    assert.equal(nb.cellAt(4).document.getText(), '```sh { ignore=true }\necho ignored\n```');
    const ran = () => nb.getCells().map((c) => (c.kind === vscode.NotebookCellKind.Code ? (c.executionSummary?.success === undefined ? '-' : c.executionSummary.success ? 'ok' : 'FAIL') : 'md'));
    const range = await vscode.commands.executeCommand('phoenixOps.runFromHere', nb.cellAt(2));
    assert.deepEqual(range, { start: 2, end: 8 });
    // c1 is above; the excluded cell is skipped as Run All skips it; exit 7 fails and c7 never runs.
    assert.deepEqual(ran(), ['md', '-', 'ok', '-', 'md', 'ok', 'FAIL', '-']);
    assert.match(outputText(nb.cellAt(2)), /^c2$/m);
    assert.match(outputText(nb.cellAt(5)), /^c5$/m);
    // Run Up to Here from cell 5 (the selection, as from the palette): c1, c2 and c5 run; exit 7 below it does not.
    const order = (i: number) => nb.cellAt(i).executionSummary?.executionOrder ?? 0;
    const before = [1, 2, 5, 6].map(order);
    editor.selection = new vscode.NotebookRange(5, 6);
    assert.deepEqual(await vscode.commands.executeCommand('phoenixOps.runUpToHere'), { start: 0, end: 6 });
    const after = [1, 2, 5, 6].map(order);
    assert.ok(after[0] > before[0] && after[1] > before[1] && after[2] > before[2], `c1, c2, c5 ran again: ${before.join(",")} → ${after.join(",")}`);
    assert.equal(after[3], before[3], 'the cell below did not run');
    assert.ok(after[0] < after[1] && after[1] < after[2], 'in order');
    // Saved after an edit elsewhere: the ignored block is written back as it was; only the edited cell changed.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(nb.cellAt(1).document.uri, new vscode.Range(0, 5, 0, 7), 'one');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the edit to make the notebook dirty', () => nb.isDirty);
    assert.ok(await nb.save());
    assert.equal(readFileSync(nb.uri.fsPath, 'utf8'), original.replace('echo c1', 'echo one'));
  });

  it('Run Cells by Category runs the cells of one category (category= or tag=, comma-separated) in order, excludeFromRunAll left out', async () => {
    const editor = await writeRunbook(
      'categories.runbook.md',
      '# C\n\n```sh { category=triage }\necho t1\n```\n\n```sh { category=other }\necho other\n```\n\n```sh { tag=db,triage }\necho t2\n```\n\n```sh { category=triage excludeFromRunAll=true }\necho t-excluded\n```\n',
    );
    const nb = editor.notebook;
    assert.deepEqual(await vscode.commands.executeCommand('phoenixOps.runCellsByCategory', 'triage'), [1, 3]);
    assert.deepEqual(
      nb.getCells().map((c) => c.executionSummary?.success),
      [undefined, true, undefined, true, undefined],
    );
    assert.ok((nb.cellAt(1).executionSummary?.executionOrder ?? 0) < (nb.cellAt(3).executionSummary?.executionOrder ?? 0));
    assert.match(outputText(nb.cellAt(3)), /^t2$/m);
    // A category no cell has runs nothing.
    assert.equal(await vscode.commands.executeCommand('phoenixOps.runCellsByCategory', 'no-such-category'), undefined);
  });

  it('exports the incident timeline of the runs', async () => {
    const editor = await writeRunbook('timeline.runbook.md', '# T\n\n```sh { name=say-hello }\necho hello\n```\n\n```sh { name=fail-on-purpose }\nexit 4\n```\n');
    assert.deepEqual(await run(editor, 1, 3), [true, false]);
    const md = await vscode.commands.executeCommand<string>('phoenixOps.exportIncidentTimeline', editor.notebook.uri);
    assert.match(md, /^## Timeline/m);
    assert.match(md, timelineLine(/say-hello on phoenix-dev\/phoenix-system: `echo hello` — succeeded in .* · runbook, by /));
    assert.match(md, timelineLine(/fail-on-purpose on phoenix-dev\/phoenix-system: `exit 4` — FAILED in .*, exit 4.* · runbook, by /));
  });
});

function isRunning(cmd: string): boolean {
  try {
    return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').some((l) => l.trim() === cmd);
  } catch {
    return false;
  }
}
