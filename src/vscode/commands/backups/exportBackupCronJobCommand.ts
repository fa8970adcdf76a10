// "Export as CronJob": scheduling belongs to the cluster. Writes the CronJob (and its volume claim) that backs the
// database up on guide 000's schedule into a new editor, after validating it with `kubectl apply --dry-run=server`
// against the namespace's context — the result is written at the top of the file. Nothing is applied.
import { delimiter } from 'node:path';
import * as vscode from 'vscode';
import { serverVersion } from '../../../clients/postgres/backupQueries';
import { withPg } from '../../../clients/postgres/postgresClient';
import { runProcess } from '../../../core/processRun';
import { backupCronJobYaml, type CronJobInput } from '../../../domain/backups/backupCronJob';
import { majorVersion } from '../../../domain/backups/dumpArchive';
import { CommandIds } from '../../commandIds';
import { namespaceTarget } from '../../backups/backupArgs';
import type { CommandFactory } from '../command';

export interface CronJobExport {
  yaml: string;
  validated: boolean;
  validation: string;
  document: vscode.TextDocument;
}

export const exportBackupCronJobCommand: CommandFactory = ({ backups, selection, clusters }) => ({
  id: CommandIds.exportBackupCronJob,
  async run(arg?: unknown, hostArg?: unknown): Promise<CronJobExport | undefined> {
    const target = namespaceTarget(arg, selection);
    if (!target) return undefined;
    const { context, namespace } = target;
    const database = await backups.database();
    if ('message' in database) {
      void vscode.window.showErrorMessage(`Phoenix Ops: ${database.message} There is nothing to schedule a backup of.`);
      return undefined;
    }
    // The host as pods see it: the namespace's postgres Service when there is one, else the cockpit's own host.
    const lister = backups.objectsClient(context);
    const services = 'message' in lister ? undefined : await lister.list({ api: '/api/v1', resource: 'services' }, namespace);
    const hasPostgres = services?.ok && services.value.items.some((o) => (o.metadata as { name?: string } | undefined)?.name === 'postgres');
    const suggested = hasPostgres ? `postgres.${namespace}.svc.cluster.local` : database.host;
    const host =
      typeof hostArg === 'string'
        ? hostArg
        : await vscode.window.showInputBox({
            title: `Export a backup CronJob for ${context}/${namespace}`,
            prompt: 'The database host as seen from inside the cluster (PGHOST of the job)',
            value: suggested,
            ignoreFocusOut: true,
            validateInput: (v) => (v.trim() ? undefined : 'A host is needed.'),
          });
    if (!host) return undefined;
    const version = await withPg({ ...database, statementTimeoutMs: 5000 }, (c) => serverVersion(c));
    const serverMajor = version.ok ? majorVersion(version.value) : undefined;
    const input: CronJobInput = {
      namespace,
      database: { host: host.trim(), port: database.port, name: database.database, user: database.user },
      ...(serverMajor ? { serverMajor: Math.floor(serverMajor) } : {}),
      passwordSecret: { name: 'db-credentials', key: 'password' },
    };
    const plain = backupCronJobYaml(input);
    let out = '';
    const check = await runProcess({
      path: 'kubectl',
      args: ['--context', context, 'apply', '--dry-run=server', '-f', '-'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KUBECONFIG: clusters.kubeconfig.files.map((f) => f.path).join(delimiter) },
      stdin: plain,
      onStdout: (c) => (out += c.toString('utf8')),
    });
    const validated = check.code === 0;
    const validation = validated ? out.trim() : (check.stderr.trim() || `kubectl exited with ${check.code ?? check.signal ?? '?'}`);
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const notes = validated
      ? [`Validated ${when} UTC with kubectl apply --dry-run=server against ${context}:`, ...validation.split('\n').map((l) => `  ${l}`)]
      : [`NOT valid for ${context} (kubectl apply --dry-run=server, ${when} UTC):`, ...validation.split('\n').map((l) => `  ${l}`)];
    const yaml = backupCronJobYaml(input, notes);
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: yaml });
    await vscode.window.showTextDocument(document, { preview: false });
    if (validated) void vscode.window.showInformationMessage(`Phoenix Ops: backup CronJob for ${namespace} written — validated against ${context} with kubectl apply --dry-run=server. Apply it with kubectl apply -f when you have reviewed it.`);
    else void vscode.window.showErrorMessage(`Phoenix Ops: the backup CronJob did not pass kubectl apply --dry-run=server on ${context}: ${validation.split('\n')[0]}`);
    return { yaml, validated, validation, document };
  },
});
