// Export as CronJob: scheduling belongs to the cluster. A CronJob (and the volume claim it writes to) that runs
// the same database backup on guide 000's schedule (0 2 * * *): pg_dump --format=custom of the server's major
// version into a .partial file, checked with pg_restore --list, its sha256 written beside it, renamed when
// complete, and guide 000's 30 days kept. The password comes from a Secret, never from the manifest.
import { stringify } from 'yaml';
import type { JsonObject } from './resourceStrip';

export interface CronJobInput {
  namespace: string;
  database: { host: string; port: number; name: string; user: string };
  /** The server's major version: pg_dump in the job must be at least that. */
  serverMajor?: number;
  /** The Secret and key holding the password (the sandbox and guides keep it in db-credentials/password). */
  passwordSecret: { name: string; key: string };
  schedule?: string;
  retentionDays?: number;
  storage?: string;
}

export const GUIDE_SCHEDULE = '0 2 * * *';
export const CRONJOB_NAME = 'phoenix-db-backup';
export const BACKUP_CLAIM = 'phoenix-db-backups';

/** The job's script: the same inside every manifest; the values reach it as environment variables. */
export const BACKUP_SCRIPT = `set -eu
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="/backups/\${PGDATABASE}-\${stamp}.dump"
pg_dump --format=custom --no-password --file="\${target}.partial"
pg_restore --list "\${target}.partial" > /dev/null
sha256sum "\${target}.partial" | sed 's|\\.partial$||' > "\${target}.sha256"
mv "\${target}.partial" "\${target}"
find /backups -name '*.partial' -mmin +180 -delete
find /backups \\( -name '*.dump' -o -name '*.sha256' \\) -mtime +"\${RETENTION_DAYS}" -delete
echo "backup \${target} complete: $(cut -c1-16 "\${target}.sha256")…"
`;

export function backupCronJobObjects(i: CronJobInput): JsonObject[] {
  const labels = { 'app.kubernetes.io/name': CRONJOB_NAME, 'app.kubernetes.io/managed-by': 'phoenix-ops-cockpit' };
  const claim: JsonObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: BACKUP_CLAIM, namespace: i.namespace, labels },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: i.storage ?? '50Gi' } } },
  };
  const cronJob: JsonObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: CRONJOB_NAME, namespace: i.namespace, labels },
    spec: {
      schedule: i.schedule ?? GUIDE_SCHEDULE,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 1,
          activeDeadlineSeconds: 3600,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'Never',
              securityContext: { runAsNonRoot: true, runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
              containers: [
                {
                  name: 'pg-dump',
                  image: `postgres:${i.serverMajor ?? 15}`,
                  command: ['/bin/sh', '-c', BACKUP_SCRIPT],
                  env: [
                    { name: 'PGHOST', value: i.database.host },
                    { name: 'PGPORT', value: String(i.database.port) },
                    { name: 'PGDATABASE', value: i.database.name },
                    { name: 'PGUSER', value: i.database.user },
                    { name: 'PGPASSWORD', valueFrom: { secretKeyRef: { name: i.passwordSecret.name, key: i.passwordSecret.key } } },
                    { name: 'RETENTION_DAYS', value: String(i.retentionDays ?? 30) },
                  ],
                  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                  volumeMounts: [
                    { name: 'backups', mountPath: '/backups' },
                    { name: 'tmp', mountPath: '/tmp' },
                  ],
                },
              ],
              volumes: [
                { name: 'backups', persistentVolumeClaim: { claimName: BACKUP_CLAIM } },
                { name: 'tmp', emptyDir: {} },
              ],
            },
          },
        },
      },
    },
  };
  return [claim, cronJob];
}

/** The manifest as a file: what it is in comments, then the documents. */
export function backupCronJobYaml(i: CronJobInput, notes: readonly string[] = []): string {
  const header = [
    `Database backup of ${i.database.name} on guide 000's schedule (${i.schedule ?? GUIDE_SCHEDULE}, UTC), made by the Phoenix Ops Cockpit.`,
    `pg_dump --format=custom into the volume claim ${BACKUP_CLAIM}, checked with pg_restore --list, a .sha256 beside each dump,`,
    `renamed only when complete; dumps older than ${i.retentionDays ?? 30} days are deleted (guide 000: 30 days).`,
    `PGPASSWORD comes from Secret ${i.passwordSecret.name}, key ${i.passwordSecret.key}: create it first if it does not exist.`,
    `PGHOST is ${i.database.host}: the database as seen from inside the cluster.`,
    ...notes,
  ];
  const docs = backupCronJobObjects(i).map((o) => `---\n${stringify(o, { lineWidth: 0 })}`);
  return `${header.map((l) => `# ${l}`).join('\n')}\n${docs.join('')}`;
}
