// The validation the real server does that clients actually run into: object names, replicas,
// selectors matching templates, containers with a name and an image. Errors are 422 Invalid with
// field causes in apimachinery's wording.
import type { KubeObject } from '../store/types';
import { crdNames } from './crd/customResources';
import type { ResourceInfo } from './resources';
import { formatLabelSelector, matchesLabels, parseLabelSelector, type LabelSelectorObject } from './selectors/labelSelector';
import { invalid, type StatusCause } from './status';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', message: 'Required value', field });
const invalidValue = (field: string, value: string, why: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${why}`, field });

function goMap(m: Record<string, string> | undefined): string {
  const entries = Object.keys(m ?? {})
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m![k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function checkName(r: ResourceInfo, name: string, causes: StatusCause[]): void {
  if (!name) return;
  if (r.resource === 'namespaces') {
    if (!LABEL_1123.test(name) || name.length > 63) {
      causes.push(invalidValue('metadata.name', JSON.stringify(name), `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`));
    }
  } else if (r.resource === 'services') {
    if (!LABEL_1035.test(name) || name.length > 63) {
      causes.push(invalidValue('metadata.name', JSON.stringify(name), `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`));
    }
  } else if (!SUBDOMAIN.test(name) || name.length > 253) {
    causes.push(invalidValue('metadata.name', JSON.stringify(name), `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`));
  }
}

interface ContainerLike {
  name?: unknown;
  image?: unknown;
}

function checkContainers(containers: unknown, field: string, causes: StatusCause[]): void {
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push(required(field));
    return;
  }
  (containers as ContainerLike[]).forEach((c, i) => {
    if (typeof c?.name !== 'string' || c.name === '') causes.push(required(`${field}[${i}].name`));
    if (typeof c?.image !== 'string' || c.image === '') causes.push(required(`${field}[${i}].image`));
  });
}

function checkReplicas(value: unknown, causes: StatusCause[], field = 'spec.replicas'): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    causes.push(invalidValue(field, JSON.stringify(value), 'must be greater than or equal to 0'));
  }
}

interface WorkloadSpec {
  replicas?: unknown;
  selector?: LabelSelectorObject;
  template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: unknown } };
}

function checkWorkload(spec: WorkloadSpec | undefined, current: KubeObject | undefined, causes: StatusCause[]): void {
  checkReplicas(spec?.replicas, causes);
  const selector = spec?.selector;
  if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
    causes.push(required('spec.selector'));
  } else {
    const labels = spec?.template?.metadata?.labels;
    let ok = false;
    try {
      ok = matchesLabels(parseLabelSelector(formatLabelSelector(selector)), labels);
    } catch {
      ok = false;
    }
    if (!ok) causes.push(invalidValue('spec.template.metadata.labels', goMap(labels), '`selector` does not match template `labels`'));
    const before = (current?.spec as WorkloadSpec | undefined)?.selector;
    if (before && formatLabelSelector(before) !== formatLabelSelector(selector)) {
      causes.push(invalidValue('spec.selector', `v1.LabelSelector{MatchLabels:${goMap(selector.matchLabels)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`, 'field is immutable'));
    }
  }
  checkContainers(spec?.template?.spec?.containers, 'spec.template.spec.containers', causes);
}

interface JobSpec {
  template?: { spec?: { containers?: unknown; restartPolicy?: unknown } };
}

/** A Job's pods may not restart in place: the defaulted "Always" is refused, as the real server does. */
function checkJobTemplate(spec: JobSpec | undefined, field: string, causes: StatusCause[]): void {
  checkContainers(spec?.template?.spec?.containers, `${field}.template.spec.containers`, causes);
  const policy = spec?.template?.spec?.restartPolicy;
  if (policy !== 'Never' && policy !== 'OnFailure') {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(policy ?? '')}: supported values: "OnFailure", "Never"`, field: `${field}.template.spec.restartPolicy` });
  }
}

function checkCronJob(spec: { schedule?: unknown; jobTemplate?: { spec?: JobSpec } } | undefined, causes: StatusCause[]): void {
  const schedule = spec?.schedule;
  if (typeof schedule !== 'string' || schedule.trim() === '') causes.push(required('spec.schedule'));
  else if (!/^@(yearly|annually|monthly|weekly|daily|midnight|hourly|every \S+)$/.test(schedule) && schedule.trim().split(/\s+/).length !== 5) {
    causes.push(invalidValue('spec.schedule', JSON.stringify(schedule), `expected exactly 5 fields, found ${schedule.trim().split(/\s+/).length}: [${schedule}]`));
  }
  checkJobTemplate(spec?.jobTemplate?.spec, 'spec.jobTemplate.spec', causes);
}

/** A CRD must be named `<plural>.<group>` and say its group, names, scope and versions. */
function checkCrd(obj: KubeObject, causes: StatusCause[]): void {
  const names = crdNames(obj);
  if ('missing' in names) {
    for (const field of names.missing) causes.push(required(field));
    return;
  }
  const expected = `${names.plural}.${names.group}`;
  if (obj.metadata.name !== expected) causes.push(invalidValue('metadata.name', JSON.stringify(obj.metadata.name), `must be spec.names.plural+"."+spec.group`));
}

/** Throws 422 Invalid when the object would not pass the real server's validation. */
export function validateObject(r: ResourceInfo, obj: KubeObject, current?: KubeObject): void {
  const causes: StatusCause[] = [];
  const name = obj.metadata?.name ?? '';
  if (!name && !obj.metadata?.generateName) causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  checkName(r, name, causes);
  if (r.resource === 'deployments' || r.resource === 'replicasets') checkWorkload(obj.spec as WorkloadSpec, current, causes);
  if (r.resource === 'pods') checkContainers((obj.spec as { containers?: unknown } | undefined)?.containers, 'spec.containers', causes);
  if (r.resource === 'jobs') checkJobTemplate(obj.spec as JobSpec | undefined, 'spec', causes);
  if (r.resource === 'cronjobs') checkCronJob(obj.spec as { schedule?: unknown; jobTemplate?: { spec?: JobSpec } } | undefined, causes);
  if (r.resource === 'customresourcedefinitions') checkCrd(obj, causes);
  if (causes.length) throw invalid(r, name, causes);
}

/** Scale writes: spec.replicas must be a non-negative integer. */
export function validateScale(name: string, replicas: unknown): void {
  const causes: StatusCause[] = [];
  checkReplicas(replicas, causes);
  if (replicas === undefined) causes.push(required('spec.replicas'));
  if (causes.length) throw invalid({ kind: 'Scale', group: 'autoscaling' }, name, causes);
}
