// A realistic manifest body for the backup unit tests.
import type { ManifestBody } from '../../../../src/domain/backups/backupManifest';

export function manifestBody(over: Partial<ManifestBody> = {}): ManifestBody {
  return {
    cockpitVersion: '0.1.0',
    id: 'phoenix-dev_phoenix-system_20261203-020000Z',
    createdAt: '2026-12-03T02:00:00.000Z',
    completedAt: '2026-12-03T02:00:09.000Z',
    context: 'phoenix-dev',
    namespace: 'phoenix-system',
    database: { host: '127.0.0.1', port: 5432, name: 'phoenix', user: 'phoenix', serverVersion: '15.18', pgDumpVersion: '15.18', format: 'custom', file: 'database.dump' },
    files: [
      { path: 'resources/configmaps.yaml', size: 812, sha256: 'b'.repeat(64), role: 'resources' },
      { path: 'database.dump', size: 123456, sha256: 'a'.repeat(64), role: 'database' },
    ],
    tables: [
      { table: 'public.tasks', rows: 1200 },
      { table: 'public.agents', rows: 3 },
    ],
    resources: [
      { kind: 'Deployment', count: 7, file: 'resources/deployments.yaml' },
      { kind: 'ConfigMap', count: 1, file: 'resources/configmaps.yaml' },
      { kind: 'StatefulSet', count: 0 },
    ],
    secrets: { included: false },
    ...over,
  };
}
