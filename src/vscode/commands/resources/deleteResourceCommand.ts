// "Delete" on any Resources row: through the mutation guard (blocked in read-only mode, typed name on protected
// contexts, asked elsewhere, audited). Bound to the uid the row showed, so a same-named replacement is never the one
// deleted; what owns it (and may recreate it) is said first.
import * as vscode from 'vscode';
import { valueOrThrow } from '../../../core/result';
import { CommandIds } from '../../commandIds';
import { objectRowOf, pickRowFirst, resourcesClientFor } from '../../resources/resourceTarget';
import type { CommandFactory } from '../command';

export type DeleteResourceOutcome = { deleted: string } | { deleted?: undefined; why: 'blocked' | 'cancelled' | 'failed'; message?: string };

export const deleteResourceCommand: CommandFactory = (services) => ({
  id: CommandIds.deleteResource,
  async run(arg?: unknown): Promise<DeleteResourceOutcome | undefined> {
    const row = objectRowOf(arg);
    if (!row) return pickRowFirst('Delete', 'a row');
    const client = resourcesClientFor(services, row.context, 'delete');
    if (!client) return undefined;
    const object = `${row.spec.kind.toLowerCase()}/${row.name}`;
    const what = `${row.spec.kind} ${row.name} in ${row.namespace} (${row.context})`;
    const owner = (row.object.metadata as { ownerReferences?: Array<{ kind?: string; name?: string; controller?: boolean }> } | undefined)?.ownerReferences?.find((o) => o.controller);
    const note = owner ? `Its owner ${owner.kind ?? ''}/${owner.name ?? ''} may recreate it.` : 'Nothing owns it: it will not come back by itself.';
    try {
      const r = await services.guard.run(
        { action: 'delete', context: row.context, namespace: row.namespace, object, confirmText: row.name, destructive: true, summary: `delete ${what} — ${note.replace(/\.$/, '')}` },
        async () => valueOrThrow(await client.delete(row.spec, row.namespace, row.name, row.uid)),
        note,
      );
      if (!r.ran) return { why: r.why };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: delete of ${what} failed: ${message}`);
      return { why: 'failed', message };
    }
    services.log.info(`deleted ${what}`);
    void vscode.window.showInformationMessage(`Phoenix Ops: deleted ${what}. ${note}`);
    return { deleted: object };
  },
});
