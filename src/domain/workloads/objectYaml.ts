// Show YAML: an object as the API server returned it, without metadata.managedFields (noise to a reader). Pure.
import { stringify } from 'yaml';

export function objectYaml(o: Record<string, unknown>): string {
  const copy = structuredClone(o);
  const meta = copy.metadata as Record<string, unknown> | undefined;
  if (meta) delete meta.managedFields;
  return stringify(copy, { lineWidth: 0, aliasDuplicateObjects: false });
}
