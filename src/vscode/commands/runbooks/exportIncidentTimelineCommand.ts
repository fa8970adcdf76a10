// "Export Incident Timeline": the Timeline section of the guides' incident report — the active runbook's steps and,
// in the same window, every change the cockpit made (the audit log), silences, alerts firing and resolving, and
// experiments ended — in order, opened as a markdown document and copied to the clipboard.
import * as vscode from 'vscode';
import { mergeTimeline } from '../../../domain/timeline/mergeTimeline';
import { timelineMarkdown } from '../../../domain/timeline/timelineMarkdown';
import { CommandIds } from '../../commandIds';
import { readTimelineSources } from '../../timeline/timelineSources';
import type { CommandFactory } from '../command';

export const exportIncidentTimelineCommand: CommandFactory = ({ runbooks, audit, platform, settings }) => ({
  id: CommandIds.exportIncidentTimeline,
  async run(arg?: unknown) {
    const session = arg instanceof vscode.Uri ? runbooks.sessionOf(arg) : runbooks.activeSession();
    const transcript = session?.transcript.length ? session.transcript : undefined;
    const now = Date.now();
    // The window opens before the first step: the alerts and changes that led to the runbook belong to the story.
    const first = transcript ? Math.min(...transcript.map((e) => Date.parse(e.start))) : now;
    const window = { start: Math.min(first, now) - settings().runbooks.timelineLookbackMs, end: now };
    const answers = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading the incident timeline…' }, () =>
      readTimelineSources({ ...(transcript ? { transcript } : {}), auditFile: audit.file, clients: platform.clients(), window }),
    );
    const merged = mergeTimeline(answers, window);
    const markdown = timelineMarkdown(merged, { ...(session && transcript ? { runbook: session.runbook } : {}), exportedAt: new Date(now), user: audit.user, window });
    await vscode.env.clipboard.writeText(markdown);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    const incomplete = merged.failed.length ? ` Not included (could not read): ${merged.failed.map((f) => f.source).join(', ')}.` : '';
    const message = `Incident timeline${session && transcript ? ` of ${session.runbook}` : ''} (${merged.entries.length} entries) copied to the clipboard: paste it into the report's Timeline section.${incomplete}`;
    void (merged.failed.length ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
    return markdown;
  },
});
