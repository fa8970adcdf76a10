// Edit YAML and Apply File…: the phoenix-edit: file system (Save applies), the diff documents, a manifest client per
// context (on the workloads' credentials). Built by the cockpit; the commands are in commands/edit.
import * as vscode from 'vscode';
import { ManifestClient } from '../../clients/kubernetes/manifestClient';
import { WorkloadsClient } from '../../clients/kubernetes/workloadsClient';
import type { ManifestPort } from '../../domain/edit/manifestApply';
import type { MutationGuard } from '../safety/mutationGuard';
import { DiffDocuments } from './diffDocuments';
import { EditDocuments } from './editDocuments';
import { EDIT_SCHEME, EDIT_VIEW_SCHEME } from './editUri';

export interface EditServices {
  documents: EditDocuments;
  diffs: DiffDocuments;
  portFor(context: string): ManifestPort | { message: string };
}

export function registerEdit(deps: { clientFor(context: string): WorkloadsClient | { message: string }; guard: MutationGuard; log: vscode.LogOutputChannel }): { services: EditServices } & vscode.Disposable {
  // A fresh client per use, on the context's current credentials: its discovery cache lives as long as one save or apply.
  const portFor = (context: string): ManifestPort | { message: string } => {
    const c = deps.clientFor(context);
    return c instanceof WorkloadsClient ? new ManifestClient(c.http) : c;
  };
  const diffs = new DiffDocuments();
  const documents = new EditDocuments({ portFor, guard: deps.guard, diffs, log: deps.log });
  const subs = [
    documents,
    vscode.workspace.registerFileSystemProvider(EDIT_SCHEME, documents, { isCaseSensitive: true }),
    vscode.workspace.registerTextDocumentContentProvider(EDIT_VIEW_SCHEME, diffs),
  ];
  return {
    services: { documents, diffs, portFor },
    dispose: () => {
      for (const s of subs) s.dispose();
    },
  };
}
