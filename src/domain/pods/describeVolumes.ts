// The Volumes section of Describe Pod, in kubectl's words per volume type (ConfigMap, Secret, EmptyDir, PVC, projected
// service-account token, HostPath); any other type is named by its field so nothing is hidden. Pure.
import type { V1Volume } from '@kubernetes/client-node';
import { field, heading, type Field } from './describeLayout';

export function volumeFields(volumes: readonly V1Volume[]): Field[] {
  if (!volumes.length) return [field(0, 'Volumes', undefined)];
  const out: Field[] = [heading(0, 'Volumes')];
  for (const v of volumes) {
    out.push(heading(1, v.name));
    if (v.configMap) {
      out.push(field(2, 'Type', 'ConfigMap (a volume populated by a ConfigMap)'), field(2, 'Name', v.configMap.name), field(2, 'Optional', String(v.configMap.optional === true)));
    } else if (v.secret) {
      out.push(field(2, 'Type', 'Secret (a volume populated by a Secret)'), field(2, 'SecretName', v.secret.secretName), field(2, 'Optional', String(v.secret.optional === true)));
    } else if (v.emptyDir) {
      out.push(field(2, 'Type', 'EmptyDir (a temporary directory that shares a pod\'s lifetime)'), field(2, 'Medium', v.emptyDir.medium ?? ''), field(2, 'SizeLimit', v.emptyDir.sizeLimit ?? '<unset>'));
    } else if (v.persistentVolumeClaim) {
      out.push(
        field(2, 'Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)'),
        field(2, 'ClaimName', v.persistentVolumeClaim.claimName),
        field(2, 'ReadOnly', String(v.persistentVolumeClaim.readOnly === true)),
      );
    } else if (v.hostPath) {
      out.push(field(2, 'Type', 'HostPath (bare host directory volume)'), field(2, 'Path', v.hostPath.path), field(2, 'HostPathType', v.hostPath.type ?? ''));
    } else if (v.projected) {
      out.push(field(2, 'Type', 'Projected (a volume that contains injected data from multiple sources)'));
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) out.push(field(2, 'TokenExpirationSeconds', s.serviceAccountToken.expirationSeconds ?? 3607));
        if (s.configMap) out.push(field(2, 'ConfigMapName', s.configMap.name), field(2, 'ConfigMapOptional', s.configMap.optional === undefined ? '<nil>' : String(s.configMap.optional)));
        if (s.secret) out.push(field(2, 'SecretName', s.secret.name));
        if (s.downwardAPI) out.push(field(2, 'DownwardAPI', 'true'));
      }
    } else {
      const kind = Object.keys(v).find((k) => k !== 'name');
      out.push(field(2, 'Type', kind ? `${kind} (shown as the API names it)` : '<unknown>'));
    }
  }
  return out;
}
