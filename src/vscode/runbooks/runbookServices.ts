// What commands use of the runbook notebooks, without loading them: the notebook machinery (parser, controller,
// executors) is a chunk of its own, loaded when the first runbook opens (its serializer is asked for the notebook).
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { Lazy } from '../../core/lazy';
import type { RunbookSession } from '../../domain/runbook/runbookSession';
import type { RunbooksArea } from './registerRunbooks';

export interface RunbookServices {
  /** The session of the runbook in the active notebook editor, if a step of it has run. */
  activeSession(): RunbookSession | undefined;
  sessionOf(uri: vscode.Uri): RunbookSession | undefined;
  /** Where the audit transcript of runs is written. */
  transcriptDir: string;
  /** The notebook machinery, loading it if no runbook has opened yet. */
  load(): Promise<RunbooksArea>;
}

export interface RunbooksApi {
  /** The parameters and the transcript of a runbook's session (for tests). */
  runbookSession(uri: vscode.Uri): { parameters: Record<string, string>; transcript: readonly unknown[] } | undefined;
}

export function transcriptDirOf(storageDir: string): string {
  return join(storageDir, 'runbook-transcripts');
}

/** No session exists before the machinery has loaded (a step must have run), so the facade answers without loading it. */
export function runbookServices(area: Lazy<RunbooksArea>, storageDir: string): { services: RunbookServices; api: RunbooksApi } {
  return {
    services: {
      activeSession: () => area.value?.activeSession(),
      sessionOf: (uri) => area.value?.sessionOf(uri),
      transcriptDir: transcriptDirOf(storageDir),
      load: () => area.get(),
    },
    api: { runbookSession: (uri) => area.value?.runbookSession(uri) },
  };
}
