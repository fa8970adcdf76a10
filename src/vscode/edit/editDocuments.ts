// Edit YAML's documents (phoenix-edit:): a FileSystemProvider, so the editor's own Save applies the change. Reading
// serves the live object (managedFields and status left out) and remembers its resourceVersion; saving parses (a YAML
// error names its line and sends nothing), dry-runs the replacement on the server, shows the diff (live ↔ what the
// server would store), asks through the MutationGuard and then replaces the object carrying the resourceVersion that was
// opened — so a change someone made since is a 409, reported with a fresh diff (theirs ↔ yours), never overwritten.
// A save that does not apply fails with the reason, so the document stays dirty and the edit is not lost.
import * as vscode from 'vscode';
import { editableYaml, identityOf, type KubeJson, metadataOf, objectToYaml } from '../../domain/edit/editableObject';
import { errorText, kubectlName, type ManifestPort, type PortError, type WhereObject } from '../../domain/edit/manifestApply';
import { formatManifestError, parseEdited } from '../../domain/edit/manifest';
import { changeSummary, comparableObject, fieldChanges } from '../../domain/edit/objectDiff';
import type { MutationGuard } from '../safety/mutationGuard';
import type { DiffDocuments } from './diffDocuments';
import { type EditRef, parseEditUri } from './editUri';

export interface EditDeps {
  portFor(context: string): ManifestPort | { message: string };
  guard: MutationGuard;
  diffs: DiffDocuments;
  log: vscode.LogOutputChannel;
}

interface Opened {
  at: WhereObject;
  /** The object as read (what the diff's left side is). */
  live: KubeJson;
  resourceVersion: string;
  mtime: number;
  size: number;
}

/** What a save did, for whoever waits on it (tests, the log). */
export type SaveOutcome = { applied: true; summary: string } | { applied: false; why: 'unchanged' };

function resourceVersionOf(o: KubeJson): string | undefined {
  const v = metadataOf(o).resourceVersion;
  return typeof v === 'string' ? v : undefined;
}

class PortFailure extends Error {
  constructor(readonly error: PortError) {
    super(errorText(error));
  }
}

export class EditDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly opened = new Map<string, Opened>();
  private readonly saving = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The outcome of the last save of each document (for tests and automation). */
  readonly lastSave = new Map<string, SaveOutcome>();

  constructor(private readonly deps: EditDeps) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    // The folders of the address (context, namespace, apiVersion): VS Code checks a file's parent exists before writing it.
    if (!parseEditUri(uri)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const o = this.opened.get(uri.toString()) ?? (await this.read(uri)).opened;
    return { type: vscode.FileType.File, ctime: o.mtime, mtime: o.mtime, size: o.size };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.read(uri)).bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const key = uri.toString();
    if (this.saving.has(key)) throw new Error('An earlier save of this document is still waiting for your answer; nothing was sent.');
    this.saving.add(key);
    try {
      const outcome = await this.save(uri, new TextDecoder().decode(content));
      this.lastSave.set(key, outcome);
    } finally {
      this.saving.delete(key);
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Edit YAML documents are single objects');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete the object with the cockpit’s Delete action, not its Edit YAML document');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('An object cannot be renamed');
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.changed.dispose();
  }

  private portOf(ref: EditRef): ManifestPort {
    const port = this.deps.portFor(ref.context);
    if ('message' in port) throw vscode.FileSystemError.Unavailable(`context ${ref.context}: ${port.message}`);
    return port;
  }

  private async read(uri: vscode.Uri): Promise<{ opened: Opened; bytes: Uint8Array }> {
    const ref = parseEditUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    const port = this.portOf(ref);
    const type = await port.resolve(ref.apiVersion, ref.kind);
    if (!type.ok) throw vscode.FileSystemError.Unavailable(errorText(type.error));
    const at: WhereObject = { type: type.value, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
    const live = await port.get(at);
    if (!live.ok) throw vscode.FileSystemError.Unavailable(`cannot read ${kubectlName(at.type, at.name)}: ${errorText(live.error)}`);
    if (!live.value) throw vscode.FileSystemError.FileNotFound(`${kubectlName(at.type, at.name)} is not in ${ref.namespace ?? 'the cluster'} (${ref.context})`);
    const bytes = new TextEncoder().encode(editableYaml(live.value, ref.context));
    const previous = this.opened.get(uri.toString());
    const opened: Opened = { at, live: live.value, resourceVersion: resourceVersionOf(live.value) ?? '', mtime: Math.max(Date.now(), (previous?.mtime ?? 0) + 1), size: bytes.byteLength };
    this.opened.set(uri.toString(), opened);
    return { opened, bytes };
  }

  private async save(uri: vscode.Uri, text: string): Promise<SaveOutcome> {
    const ref = parseEditUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    const opened = this.opened.get(uri.toString()) ?? (await this.read(uri)).opened;
    const parsed = parseEdited(text, { ...identityOf(opened.live) });
    if (!parsed.ok) throw new Error(`Not applied — the YAML is not valid, ${formatManifestError(parsed.error)}. Nothing was sent.`);
    const body = parsed.object;
    const meta = metadataOf(body);
    body.metadata = meta;
    // The version that was opened, whatever the text says: the server refuses the write if the object changed since.
    meta.resourceVersion = opened.resourceVersion;
    const port = this.portOf(ref);
    const name = kubectlName(opened.at.type, opened.at.name);
    const dry = await port.replace(opened.at, body, true);
    if (!dry.ok) {
      if (dry.error.kind === 'conflict') return this.conflict(uri, port, opened, body);
      throw new Error(`Not applied — the server's dry run refused it: ${errorText(dry.error)}. Nothing was changed.`);
    }
    const changes = fieldChanges(comparableObject(opened.live), comparableObject(dry.value));
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(`Phoenix Ops: ${name} — nothing to apply (the server would store it unchanged).`);
      return { applied: false, why: 'unchanged' };
    }
    const summary = changeSummary(changes);
    const file = uri.path.split('/').pop() ?? name;
    await this.deps.diffs.show(file, { name: 'live', text: objectToYaml(comparableObject(opened.live)) }, { name: 'dry run', text: objectToYaml(comparableObject(dry.value)) });
    const where = `${opened.at.namespace ? ` in ${opened.at.namespace}` : ''} on ${ref.context}`;
    let applied: KubeJson;
    try {
      const r = await this.deps.guard.run(
        { action: 'edit', context: ref.context, ...(opened.at.namespace ? { namespace: opened.at.namespace } : {}), object: `${opened.at.type.kind.toLowerCase()}/${opened.at.name}`, confirmText: opened.at.name, destructive: true, summary: `apply your edit of ${name}${where} — ${summary} (the diff is open)` },
        async () => {
          const put = await port.replace(opened.at, body, false);
          if (!put.ok) throw new PortFailure(put.error);
          return put.value;
        },
        summary,
      );
      if (!r.ran) throw new Error(r.why === 'blocked' ? 'Not applied — read-only mode is on. Your edit is still in the editor.' : 'Not applied — you did not confirm. Your edit is still in the editor; save again to apply it.');
      applied = r.value;
    } catch (e) {
      if (e instanceof PortFailure && e.error.kind === 'conflict') return this.conflict(uri, port, opened, body);
      throw e;
    }
    this.deps.log.info(`edit: ${name}${where} applied (${summary})`);
    void vscode.window.showInformationMessage(`Phoenix Ops: applied to ${name}${where}: ${summary}.`);
    // Re-read once VS Code has taken the save: the editor then shows what the server stored, at its new resourceVersion.
    opened.resourceVersion = resourceVersionOf(applied) ?? opened.resourceVersion;
    opened.live = applied;
    const t = setTimeout(() => {
      this.timers.delete(t);
      opened.mtime = Math.max(Date.now(), opened.mtime + 1);
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    }, 0);
    this.timers.add(t);
    return { applied: true, summary };
  }

  /** Someone changed the object since it was opened: show theirs against yours, apply nothing. */
  private async conflict(uri: vscode.Uri, port: ManifestPort, opened: Opened, mine: KubeJson): Promise<never> {
    const name = kubectlName(opened.at.type, opened.at.name);
    const now = await port.get(opened.at);
    const theirs = now.ok && now.value ? now.value : undefined;
    const file = uri.path.split('/').pop() ?? name;
    if (theirs) {
      const changes = fieldChanges(comparableObject(opened.live), comparableObject(theirs));
      await this.deps.diffs.show(file, { name: 'theirs (live now)', text: objectToYaml(comparableObject(theirs)) }, { name: 'yours', text: objectToYaml(comparableObject(mine)) });
      const rv = resourceVersionOf(theirs) ?? '?';
      throw new Error(
        `Not applied — ${name} was changed since you opened it (resourceVersion ${opened.resourceVersion} → ${rv}; their change: ${changeSummary(changes)}). ` +
          'The diff shows their version against yours. Revert the file to start again from the live object; your edit stays until you do.',
      );
    }
    throw new Error(`Not applied — ${name} was changed or deleted since you opened it${now.ok ? '' : ` (and cannot be read now: ${errorText(now.error)})`}.`);
  }
}
