// `node out/sandbox/fleet/fleetMain.js --contexts 50 --load 20x50 --info-file F`: the fleet in a process of its own,
// for benchmarks (the measuring process then holds only the cockpit's code). Writes the kubeconfig path and the
// contexts to F once up; SIGTERM stops it.
import { writeFileSync } from 'node:fs';
import { startFleet } from './fleet';

const USAGE = 'usage: fleetMain.js [--contexts N] [--load NAMESPACESxDEPLOYMENTS[xREPLICAS]] [--dir D] --info-file F';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const infoFile = arg('--info-file');
  if (!infoFile) throw new Error(USAGE);
  const [namespaces, deploymentsPerNamespace, replicas] = (arg('--load') ?? '20x50').split('x').map(Number);
  if (!namespaces || !deploymentsPerNamespace) throw new Error(USAGE);
  const fleet = await startFleet({ contexts: Number(arg('--contexts') ?? 50), namespaces, deploymentsPerNamespace, replicasPerDeployment: replicas || 1, dir: arg('--dir') });
  for (const s of ['SIGINT', 'SIGTERM'] as const) {
    process.on(s, () => {
      void fleet.stop().then(() => process.exit(0));
    });
  }
  writeFileSync(infoFile, JSON.stringify({ kubeconfigPath: fleet.kubeconfigPath, contexts: fleet.contexts }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
