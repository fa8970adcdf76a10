// The guided restore of one backup, as a runbook notebook: guide 000's recovery order (save the replica counts →
// scale the namespace to 0 → pg_restore → compare rows → put chosen resources back → scale back → check) as steps
// that are visible, re-runnable and land in the incident timeline. The text is the same for every backup: the
// backup's values reach the steps only as parameters (environment variables), never as source. The one value in
// an attribute is the context a step must run on, written as JSON.

/** The parameters a restore runbook's steps read; the adapter presets them for its session. */
export interface RestoreParameters {
  BACKUP_ID: string;
  BACKUP_DIR: string;
  BACKUP_DUMP: string;
  BACKUP_CONTEXT: string;
  BACKUP_NAMESPACE: string;
  /** host:port/database the backup was taken from: the restore refuses to write anywhere else. */
  BACKUP_DATABASE: string;
  /** This restore's working folder (saved replica counts, the chosen resources). */
  RESTORE_DIR: string;
  /** Where pg_restore is when the cockpit is configured with a bin dir (phoenixOps.backups.postgresBinDir); empty: PATH. */
  PG_BIN_DIR: string;
}

export const RESTORE_RUNBOOK_FILE = 'restore.runbook.md';
export const RESTORE_PARAMETERS_FILE = 'restore.json';

/** The step names, in order (tests and the UI find cells by them). */
export const RESTORE_STEPS = ['check-backup', 'save-replicas', 'scale-to-zero', 'restore-database', 'compare-rows', 'choose-resources', 'apply-resources', 'scale-back', 'check-available'] as const;

export function restoreParameters(p: { id: string; dir: string; dumpFile: string; context: string; namespace: string; database: { host: string; port: number; name: string }; restoreDir: string; postgresBinDir?: string }): RestoreParameters {
  return {
    BACKUP_ID: p.id,
    BACKUP_DIR: p.dir,
    BACKUP_DUMP: `${p.dir}/${p.dumpFile}`,
    BACKUP_CONTEXT: p.context,
    BACKUP_NAMESPACE: p.namespace,
    BACKUP_DATABASE: databaseTarget(p.database.host, p.database.port, p.database.name),
    RESTORE_DIR: p.restoreDir,
    PG_BIN_DIR: p.postgresBinDir ?? '',
  };
}

export function databaseTarget(host: string, port: number | string, name: string): string {
  return `${host}:${port}/${name}`;
}

/** Why a context name cannot go into a fence attribute (a backtick or a line break would end the fence), if it cannot. */
export function contextProblem(context: string): string | undefined {
  if (!context) return 'the backup has no context';
  if (/[`\r\n]/.test(context)) return `the context name ${JSON.stringify(context)} holds a backtick or a line break`;
  return undefined;
}

export function restoreRunbook(context: string): string {
  const problem = contextProblem(context);
  if (problem) throw new Error(`cannot write a restore runbook: ${problem}`);
  const on = (name: string, extra: Record<string, string> = {}) => JSON.stringify({ name, context, ...extra });
  const fence = (lang: string, attrs: string, body: string) => `\`\`\`${lang} ${attrs}\n${body.trim()}\n\`\`\``;
  return `${[
    '# Guided restore',
    '',
    "This runbook restores one backup made by the Phoenix Ops Cockpit, in guide 000's recovery order: stop the",
    'applications, restore the database, verify the data, start them again — and puts back the configuration you',
    'choose. Run the steps in order (**Run All** stops at the first failure); any step can be run again. Every step',
    "lands in this runbook's transcript: **Export Incident Timeline** turns it into the incident report's timeline.",
    '',
    'The backup, its context, namespace and database are this runbook\'s parameters (`$BACKUP_DIR`, `$BACKUP_CONTEXT`,',
    '`$BACKUP_NAMESPACE`, `$BACKUP_DATABASE`); the first step shows them. Steps marked ⚠ replace what is live: they',
    'ask first, and on a protected context you type its name.',
    '',
    '## 1. Check the backup and where it goes',
    '',
    'The checksums of every file, the archive readable by this pg_restore, and the cockpit pointed at the context,',
    'namespace and database the backup came from.',
    '',
    fence('phoenix', on('check-backup'), 'backup check'),
    '',
    '## 2. Save the replica counts',
    '',
    'What runs now, to scale back to exactly that. Saved once per restore: running this again later keeps them.',
    '',
    fence(
      'sh',
      on('save-replicas'),
      `
if [ -s "$RESTORE_DIR/replicas.txt" ]; then
  echo "Replica counts saved earlier in this restore (kept):"
else
  kubectl get deployments -n "$BACKUP_NAMESPACE" -o jsonpath='{range .items[*]}{.metadata.name}{"="}{.spec.replicas}{"\\n"}{end}' > "$RESTORE_DIR/replicas.txt.tmp"
  mv "$RESTORE_DIR/replicas.txt.tmp" "$RESTORE_DIR/replicas.txt"
fi
cat "$RESTORE_DIR/replicas.txt"`,
    ),
    '',
    '## 3. ⚠ Scale the namespace to 0',
    '',
    "Nothing may write while the database is replaced (guide 000: stop applications). Waits until every deployment's",
    'pods are gone. StatefulSets and other workloads are left running.',
    '',
    fence(
      'sh',
      on('scale-to-zero', { timeout: '5m' }),
      `
kubectl scale deployment --all --replicas=0 -n "$BACKUP_NAMESPACE"
for attempt in $(seq 1 240); do
  running=$(kubectl get deployments -n "$BACKUP_NAMESPACE" -o jsonpath='{range .items[*]}{.status.replicas}{" "}{end}')
  case "$running" in
    *[1-9]*) sleep 1 ;;
    *) echo "Every deployment in $BACKUP_NAMESPACE is at 0 pods."; exit 0 ;;
  esac
done
echo "Pods are still running after 4 minutes: check kubectl get pods -n $BACKUP_NAMESPACE" >&2
exit 1`,
    ),
    '',
    '## 4. ⚠ Restore the database',
    '',
    'The dump replaces the live data in one transaction: either all of it is restored or nothing changes.',
    '',
    fence(
      'sh',
      on('restore-database', { timeout: '30m' }),
      `
if [ "$PGHOST:$PGPORT/$PGDATABASE" != "$BACKUP_DATABASE" ]; then
  echo "The cockpit's database is $PGHOST:$PGPORT/$PGDATABASE; this backup is of $BACKUP_DATABASE. Point phoenixOps.database.* at it first." >&2
  exit 3
fi
if [ -n "$PG_BIN_DIR" ]; then PATH="$PG_BIN_DIR:$PATH"; fi
pg_restore --dbname="$PGDATABASE" --clean --if-exists --single-transaction --no-owner --exit-on-error --no-password "$BACKUP_DUMP"
echo "Restored $BACKUP_DUMP into $PGDATABASE."`,
    ),
    '',
    '## 5. Compare the rows with the backup',
    '',
    'Every table must have exactly the rows the backup counted when it was taken.',
    '',
    fence('phoenix', on('compare-rows'), 'backup compare-rows'),
    '',
    '## 6. Choose the resources to put back',
    '',
    'Each backed-up resource against the live one: changed and missing ones are preselected; **Show Diff** opens the',
    'difference. Replica counts are not compared (step 8 puts back the saved ones). Secrets stay sealed unless',
    'chosen; their passphrase or key is asked for when they are applied.',
    '',
    fence('phoenix', on('choose-resources'), 'backup choose-resources'),
    '',
    '## 7. Apply the chosen resources',
    '',
    '`kubectl apply` of the chosen resources as the backup has them — a running workload keeps its current replica',
    'count until step 8 — with Secrets decrypted in memory and handed to kubectl on stdin, never written to disk.',
    '',
    fence('phoenix', on('apply-resources'), 'backup apply-resources'),
    '',
    '## 8. Scale back to the saved counts',
    '',
    fence(
      'sh',
      on('scale-back', { timeout: '5m' }),
      `
while IFS='=' read -r deployment replicas; do
  [ -n "$deployment" ] || continue
  kubectl scale deployment "$deployment" --replicas="$replicas" -n "$BACKUP_NAMESPACE"
done < "$RESTORE_DIR/replicas.txt"`,
    ),
    '',
    '## 9. Check that every deployment is available',
    '',
    fence(
      'sh',
      on('check-available', { timeout: '10m' }),
      `
kubectl wait --for=condition=Available deployment --all -n "$BACKUP_NAMESPACE" --timeout=300s
kubectl get deployments -n "$BACKUP_NAMESPACE"`,
    ),
    '',
  ].join('\n')}`;
}
