// The label and field selectors of one list/watch request, parsed once into a predicate.
import type { KubeObject } from '../../store/types';
import type { ResourceInfo } from '../resources';
import { badRequest } from '../status';
import { checkFieldLabels, matchesFields, parseFieldSelector, type FieldRequirement } from './fieldSelector';
import { matchesLabels, parseLabelSelector, SelectorError, type LabelRequirement } from './labelSelector';

export interface Selection {
  readonly labels: readonly LabelRequirement[];
  readonly fields: readonly FieldRequirement[];
  readonly everything: boolean;
  matches(obj: KubeObject): boolean;
}

export function makeSelection(labelSelector: string, fieldSelector: string, info: ResourceInfo, name?: string): Selection {
  let labels: LabelRequirement[];
  let fields: FieldRequirement[];
  try {
    labels = parseLabelSelector(labelSelector);
    fields = parseFieldSelector(fieldSelector);
    checkFieldLabels(fields, info.fieldLabels);
  } catch (e) {
    if (e instanceof SelectorError) throw badRequest(e.message);
    throw e;
  }
  // The legacy /watch/.../{name} paths select one object by name.
  if (name !== undefined) fields = [...fields, { field: 'metadata.name', op: '=', value: name }];
  const everything = labels.length === 0 && fields.length === 0;
  return {
    labels,
    fields,
    everything,
    matches: everything
      ? () => true
      : (obj) => matchesLabels(labels, obj.metadata.labels) && matchesFields(fields, obj),
  };
}

export function selectionFromQuery(q: URLSearchParams, info: ResourceInfo, name?: string): Selection {
  return makeSelection(q.get('labelSelector') ?? '', q.get('fieldSelector') ?? '', info, name);
}
