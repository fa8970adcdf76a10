// Columns and cells every kind's printer shares: NAME and AGE, a pod template's containers and images.
import type { KubeObject } from '../../store/types';
import { translateTimestampSince } from './humanDuration';
import type { ColumnDefinition } from './printers';

export function col(name: string, type: ColumnDefinition['type'], description: string, priority = 0, format = ''): ColumnDefinition {
  return { name, type, format, description, priority };
}

export const NAME = col('Name', 'string', 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', 0, 'name');
export const AGE = col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata');
export const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', 1);
export const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', 1);

export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
export const age = (o: KubeObject, now: Date): string => translateTimestampSince(o.metadata.creationTimestamp, now);

/** The Containers and Images cells of a pod template. */
export function containerCells(template: { spec?: { containers?: Array<{ name?: string; image?: string }> } } | undefined): [string, string] {
  const cs = template?.spec?.containers ?? [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}
