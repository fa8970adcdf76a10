// "Run Now" on a CronJob: the Job `kubectl create job <name> --from=cronjob/<cronjob>` makes — the jobTemplate's
// spec, labels and annotations, plus the `cronjob.kubernetes.io/instantiate: manual` annotation and a controller
// ownerReference to the CronJob (so deleting the CronJob removes it and the CronJob's history shows it). Pure.
import type { AnyObject } from './resourceRows';

export const INSTANTIATE_ANNOTATION = 'cronjob.kubernetes.io/instantiate';

/** A DNS-1123 name for the manual run: "<cronjob>-manual-<suffix>", cut so it stays within 63 characters. */
export function manualJobName(cronJob: string, suffix: string): string {
  const tail = `-manual-${suffix}`;
  return `${cronJob.slice(0, 63 - tail.length).replace(/[-.]+$/, '')}${tail}`;
}

export function jobFromCronJob(cronJob: AnyObject, name: string): AnyObject {
  const meta = cronJob.metadata ?? {};
  if (!meta.name || !meta.uid) throw new Error('The CronJob has no name or uid: read it from the API server first.');
  const template = (cronJob.spec as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } } | undefined)?.jobTemplate;
  if (!template?.spec) throw new Error(`CronJob ${meta.name} has no jobTemplate.spec to run.`);
  // kubectl sets the manual mark first and lets the template's own annotations override it; so do we.
  const annotations = { [INSTANTIATE_ANNOTATION]: 'manual', ...(template.metadata?.annotations ?? {}) };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: meta.namespace,
      annotations,
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: meta.name, uid: meta.uid, controller: true }],
    },
    spec: structuredClone(template.spec),
  } as AnyObject;
}
