// "Run Now" on a CronJob: creates the Job `kubectl create job --from=cronjob/<name>` would (domain/resources/
// cronJobRun.ts) from the CronJob as the API server has it now, through the mutation guard (read-only blocks it,
// protected contexts ask for the name), audited with the Job's name.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { valueOrThrow } from '../../../core/result';
import { jobFromCronJob, manualJobName } from '../../../domain/resources/cronJobRun';
import type { AnyObject } from '../../../domain/resources/resourceRows';
import { BUILT_IN_KINDS } from '../../../domain/resources/resourceKinds';
import { CommandIds } from '../../commandIds';
import { objectRowOf, pickRowFirst, resourcesClientFor } from '../../resources/resourceTarget';
import type { CommandFactory } from '../command';

const JOBS = BUILT_IN_KINDS.find((k) => k.resource === 'jobs') ?? { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', label: 'Jobs' };

export type RunNowOutcome = { job: string } | { job?: undefined; why: 'blocked' | 'cancelled' | 'failed'; message?: string };

export const runCronJobNowCommand: CommandFactory = (services) => ({
  id: CommandIds.runCronJobNow,
  async run(arg?: unknown): Promise<RunNowOutcome | undefined> {
    const row = objectRowOf(arg);
    if (!row || row.spec.kind !== 'CronJob') return pickRowFirst('Run Now', 'a CronJob');
    const client = resourcesClientFor(services, row.context, 'run a CronJob');
    if (!client) return undefined;
    const name = manualJobName(row.name, randomBytes(3).toString('hex').slice(0, 5));
    const where = `${row.namespace} (${row.context})`;
    try {
      const r = await services.guard.run(
        { action: 'run cronjob now', context: row.context, namespace: row.namespace, object: `cronjob/${row.name}`, confirmText: row.name, summary: `run CronJob ${row.name} now as Job ${name} in ${where}` },
        async () => {
          // The CronJob as it is now (its template may have changed since the row was drawn).
          const cronJob = valueOrThrow(await client.get(row.spec, row.namespace, row.name));
          return valueOrThrow(await client.create(JOBS, row.namespace, jobFromCronJob(cronJob as AnyObject, name)));
        },
        `job/${name}`,
      );
      if (!r.ran) return { why: r.why };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      void vscode.window.showErrorMessage(`Phoenix Ops: Run Now of CronJob ${row.name} in ${where} failed: ${message}`);
      return { why: 'failed', message };
    }
    services.log.info(`ran cronjob/${row.name} in ${where} as job/${name}`);
    void vscode.window.showInformationMessage(`Phoenix Ops: started Job ${name} from CronJob ${row.name} in ${where}.`);
    return { job: name };
  },
});
