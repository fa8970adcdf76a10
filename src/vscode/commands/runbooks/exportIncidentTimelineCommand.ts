// "Export Incident Timeline": the active runbook's runs as the Timeline section of the guides' incident report,
// opened as a markdown document and copied to the clipboard.
import * as vscode from 'vscode';
import { incidentTimeline } from '../../../domain/runbook/runTranscript';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const exportIncidentTimelineCommand: CommandFactory = ({ runbooks, audit }) => ({
  id: CommandIds.exportIncidentTimeline,
  async run(arg?: unknown) {
    const session = arg instanceof vscode.Uri ? runbooks.sessionOf(arg) : runbooks.activeSession();
    if (!session || !session.transcript.length) {
      void vscode.window.showInformationMessage('Nothing to export yet: run steps of a runbook first; its timeline lists each step with time and outcome.');
      return undefined;
    }
    const markdown = incidentTimeline(session.transcript, { runbook: session.runbook, exportedAt: new Date(), user: audit.user });
    await vscode.env.clipboard.writeText(markdown);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.showInformationMessage(`Incident timeline of ${session.runbook} copied to the clipboard: paste it into the report's Timeline section. Every run is also kept in ${runbooks.transcriptDir}.`);
    return markdown;
  },
});
