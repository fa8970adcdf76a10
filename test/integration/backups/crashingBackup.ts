// A backup in a process of its own, for the tests of an editor that dies mid-backup: it writes one line,
// "pg_dump <pid>", once pg_dump runs, and is then killed by the test. Arguments: one JSON object. With
// holdServices, listing the namespace's Services never answers, so the backup stays unfinished after the dump
// (the folder then holds a whole dump and no manifest: the most complete-looking folder a crash can leave).
import { writeBackup } from '../../../src/domain/backups/backupWriter';
import { kubeLister, pgSettings } from './backupHarness';

export interface CrashingBackupArgs {
  destination: string;
  kubeconfigPath: string;
  connection: { host: string; port: number; database: string; user: string; password: string };
  holdServices?: boolean;
}

if (require.main === module) {
  const args = JSON.parse(process.argv[2] ?? '{}') as CrashingBackupArgs;
  const real = kubeLister(args.kubeconfigPath);
  void writeBackup(
    { destination: args.destination, context: 'phoenix-dev', namespace: 'phoenix-system', secrets: { mode: 'none' } },
    {
      database: pgSettings(args.connection),
      kube: { list: (kind, ns, signal) => (args.holdServices && kind.resource === 'services' ? new Promise(() => undefined) : real.list(kind, ns, signal)) },
      cockpitVersion: 'test',
      onDumpStarted: (pid) => process.stdout.write(`pg_dump ${pid}\n`),
    },
  ).then((r) => process.stdout.write(`finished ${JSON.stringify({ ok: r.ok })}\n`));
}
