// batch/v1 Job shapes: the selector and labels the API server gives a new Job, and the pods its controller posts.
import type { KubeObject } from '../store/types';
import { type Condition, type LabelSelector, type PodTemplateSpec, controllerRefTo } from './kinds';
import { podForReplicaSet } from './podShape';

export const LABEL_CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const LABEL_JOB_NAME = 'batch.kubernetes.io/job-name';
/** The unprefixed labels real clusters still write beside the prefixed ones (older selectors and dashboards read them). */
export const LEGACY_LABEL_CONTROLLER_UID = 'controller-uid';
export const LEGACY_LABEL_JOB_NAME = 'job-name';

export type JobSpec = {
  parallelism?: number;
  completions?: number | null;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  manualSelector?: boolean;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  [key: string]: unknown;
};

export type JobStatus = {
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: Condition[];
  uncountedTerminatedPods?: Record<string, unknown>;
  [key: string]: unknown;
};

export type Job = KubeObject & { spec: JobSpec; status?: JobStatus };

export function asJob(o: KubeObject): Job {
  if (!o.spec) o.spec = {};
  return o as Job;
}

/**
 * What the real API server does to a Job it creates without `manualSelector` (job strategy generateSelector): the
 * selector is the Job's own uid, and the pod template carries the uid and name labels, prefixed and legacy.
 * Needs the uid the Job is about to be stored with.
 */
export function generateJobSelector(job: KubeObject, uid: string): void {
  const spec = (job.spec ??= {}) as JobSpec;
  if (spec.manualSelector === true) return;
  const template = (spec.template ??= {});
  const metadata = (template.metadata ??= {});
  metadata.labels = {
    ...(metadata.labels ?? {}),
    [LABEL_CONTROLLER_UID]: uid,
    [LABEL_JOB_NAME]: job.metadata.name,
    [LEGACY_LABEL_CONTROLLER_UID]: uid,
    [LEGACY_LABEL_JOB_NAME]: job.metadata.name,
  };
  spec.selector = { matchLabels: { [LABEL_CONTROLLER_UID]: uid } };
  // SetDefaults_Job: a Job without labels of its own shows its template's (read back, those include the generated ones).
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) job.metadata.labels = { ...metadata.labels };
}

/** A new pod of a Job, as the job controller posts it: `<job>-<5 random>`, the template's labels, owned by the Job. */
export function podForJob(job: Job): KubeObject {
  // The same defaults the ReplicaSet controller's pods get; restartPolicy comes from the template (Never/OnFailure).
  const pod = podForReplicaSet({ ...job, spec: { template: job.spec.template } } as Parameters<typeof podForReplicaSet>[0]);
  pod.metadata.ownerReferences = [controllerRefTo(job)];
  pod.metadata.generateName = `${job.metadata.name}-`;
  return pod;
}

export function jobCondition(job: Job, type: string): Condition | undefined {
  return job.status?.conditions?.find((c) => c.type === type);
}

/** Complete or Failed: the controller's work on the Job is over. */
export function isJobFinished(job: Job): boolean {
  return job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') ?? false;
}
