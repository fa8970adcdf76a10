// `npm run sandbox`: the backends only (no VS Code). Prints what a desktop VS Code needs; Ctrl+C stops everything.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killAllServiceProcessesSync } from './services/managedProcess';
import { type Sandbox, startSandbox } from './sandbox';

interface Args {
  services: boolean;
  /** Write the SandboxInfo as JSON here once up (for tools that run the sandbox in another process). */
  infoFile?: string;
  /** Where the sandbox keeps its files (default .sandbox/backends); benchmarks pass a temp dir. */
  dir?: string;
  load?: { namespaces: number; deploymentsPerNamespace: number; replicasPerDeployment: number };
  timeScale?: number;
  rolloutTimeScale?: number;
  logLinesPerSecond?: number;
  scrapeIntervalSeconds?: number;
}

const USAGE = `usage: npm run sandbox -- [--no-services] [--load NAMESPACESxDEPLOYMENTS[xREPLICAS]] [--time-scale N] [--log-rate N] [--scrape-interval S]
  --no-services   only the Kubernetes simulators (no PostgreSQL, Prometheus, Alertmanager)
  --load 200x50   add 200 namespaces × 50 deployments (× 2 pods) to phoenix-dev (benchmarks)
  --time-scale N  multiply simulated durations (pod start ≈ 1.5 s × N)
  --rollout-time-scale N  run rollout plans N times their length (0.05: guide 001's 40 min in 2; traffic 1/N as fast)
  --log-rate N    log lines per second per container (default 2)
  --scrape-interval S  Prometheus' scrape and rule evaluation interval in seconds (default 1; 15 with --load)
  --info-file F   write the endpoints as JSON to F once everything is up (benchmarks run the sandbox in its own process)
  --dir D         keep the sandbox's files in D instead of .sandbox/backends (emptied first)`;

function parseArgs(argv: string[]): Args {
  const args: Args = { services: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--no-services') args.services = false;
    else if (a === '--load') {
      const [n, d, r] = value().split('x').map(Number);
      if (!n || !d) throw new Error(`--load expects e.g. 200x50\n${USAGE}`);
      args.load = { namespaces: n, deploymentsPerNamespace: d, replicasPerDeployment: r ?? 2 };
    } else if (a === '--time-scale') args.timeScale = Number(value());
    else if (a === '--rollout-time-scale') args.rolloutTimeScale = Number(value());
    else if (a === '--log-rate') args.logLinesPerSecond = Number(value());
    else if (a === '--scrape-interval') {
      const v = Number(value());
      if (!(v >= 1)) throw new Error(`--scrape-interval expects whole seconds ≥ 1\n${USAGE}`);
      args.scrapeIntervalSeconds = Math.round(v);
    }
    else if (a === '--info-file') args.infoFile = value();
    else if (a === '--dir') args.dir = value();
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  // A stable place (gitignored), so a desktop VS Code's setting keeps pointing at the same kubeconfig path.
  const dir = args.dir ?? join(__dirname, '..', '..', '.sandbox', 'backends');
  rmSync(dir, { recursive: true, force: true });
  // Signals may arrive while it is still starting; whatever is up by then is stopped.
  const running: { sandbox?: Sandbox } = {};
  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping the sandbox…`);
    await running.sandbox?.stop();
    console.log('stopped.');
    process.exit(0);
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, () => void stop(s));
  process.on('exit', () => killAllServiceProcessesSync());

  const sandbox = (running.sandbox = await startSandbox({ dir, services: args.services, load: args.load, timeScale: args.timeScale, rolloutTimeScale: args.rolloutTimeScale, logLinesPerSecond: args.logLinesPerSecond, scrapeIntervalSeconds: args.scrapeIntervalSeconds, log: (l) => console.log(l) }));
  const { info } = sandbox;
  if (args.infoFile) writeFileSync(args.infoFile, JSON.stringify({ ...info, settings: sandbox.settings() }, null, 2));
  const line = '─'.repeat(72);
  console.log(
    [
      line,
      ' Phoenix in a box is running',
      '',
      ` kubernetes     contexts ${info.contexts.join(', ')} (token auth, HTTPS with a generated CA)`,
      ...info.clusters.map((c) => `   ${c.name.padEnd(13)}${c.url}`),
      `   kubeconfig   ${info.kubeconfigPath}`,
      ...(info.prometheusUrl ? [` prometheus     ${info.prometheusUrl}`, ` alertmanager   ${info.alertmanagerUrl ?? ''}`, ` metrics        ${info.exporterUrl ?? ''}/metrics`] : []),
      ...(info.postgres ? [` postgresql     postgresql://${info.postgres.user}:${info.postgres.password}@${info.postgres.host}:${info.postgres.port}/${info.postgres.database}`] : []),
      ...(info.platformApiUrl ? [` platform api   ${info.platformApiUrl}  (agents, experiments, task queue; POST ${info.platformApiUrl}/sandbox/… triggers alerts, GET /sandbox lists them)`] : []),
      '',
      ' In a shell:       export KUBECONFIG=' + info.kubeconfigPath + '  then  kubectl get deploy -n phoenix-system',
      ' In desktop VS Code (with the extension installed), add to your settings.json:',
      ...JSON.stringify(sandbox.settings(), null, 2)
        .split('\n')
        .map((l) => `   ${l}`),
      ...(info.postgres ? [' and run "Phoenix Ops: Set Database Password" with the password above.'] : []),
      '',
      ' Ctrl+C stops everything.',
      line,
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  killAllServiceProcessesSync();
  process.exit(1);
});
