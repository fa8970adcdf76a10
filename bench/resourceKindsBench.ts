// Issue 14: with 10,011 deployments in the sandbox (202 namespaces), expanding a kind that is not deployments in the
// Resources view costs what listing it costs, and a collapsed kind costs nothing. In this Node process, with the
// models the views use (the Deployments view open on all namespaces beside it, as an engineer has it):
// - expand ConfigMaps / Services / Secrets of phoenix-system (ResourcesModel.children of the group: list, rows built,
//   watch started) vs `kubectl get <kind> -n phoenix-system`, and the requests each made, counted at the simulated
//   API server (its /metrics, as kube-apiserver's: apiserver_request_total and apiserver_longrunning_requests);
// - then, every group collapsed again, a minute of deployments changing (kubectl annotates a namespace's 50 at a time,
//   round after round): requests and open watches for any kind but deployments must stay at zero.
// Alone: node esbuild.config.mjs --production && node out/bench/resourceKindsBench.js
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Deployment } from '@kubernetes/client-node';
import { loadKubeconfig } from '../src/clients/kubernetes/kubeconfigLoader';
import { ResourcesClient } from '../src/clients/kubernetes/resourcesClient';
import { WorkloadsClient } from '../src/clients/kubernetes/workloadsClient';
import { BUILT_IN_KINDS } from '../src/domain/resources/resourceKinds';
import type { GroupRow, ResourceNode } from '../src/domain/resources/resourceNodes';
import { ResourcesModel } from '../src/domain/resources/resourcesModel';
import { DeploymentsModel } from '../src/domain/workloads/deploymentsModel';
import { parseMetrics } from '../sandbox/kube/server/requestMetrics';
import { type Comparison, kubectl, runAlone } from './harness';
import { startSandboxProcess } from './sandboxProcess';

const RUNS = 5;
const NAMESPACE = 'phoenix-system';
const KINDS = ['ConfigMaps', 'Services', 'Secrets'];
const CHURN_MS = Number(process.env.PHOENIX_BENCH_CHURN_MS ?? 60_000);

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface RequestCounts {
  /** Finished requests (apiserver_request_total) by "VERB resource". */
  total: Map<string, number>;
  /** Open watches (apiserver_longrunning_requests) by resource. */
  watching: Map<string, number>;
}

async function requestCounts(kc: string, home: string): Promise<RequestCounts> {
  const { stdout } = await kubectl(kc, home, ['--context=phoenix-dev', 'get', '--raw', '/metrics']);
  const total = new Map<string, number>();
  const watching = new Map<string, number>();
  for (const s of parseMetrics(stdout)) {
    if (s.name === 'apiserver_request_total') {
      const k = `${s.labels.verb} ${s.labels.resource}`;
      total.set(k, (total.get(k) ?? 0) + s.value);
    } else if (s.name === 'apiserver_longrunning_requests' && s.labels.verb === 'WATCH') {
      watching.set(s.labels.resource, (watching.get(s.labels.resource) ?? 0) + s.value);
    }
  }
  return { total, watching };
}

/** Requests made between two snapshots (finished ones, plus watches opened and still open), by "VERB resource". */
function made(before: RequestCounts, after: RequestCounts): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, v] of after.total) if (v - (before.total.get(k) ?? 0) > 0) out.set(k, v - (before.total.get(k) ?? 0));
  for (const [r, v] of after.watching) {
    const opened = v - (before.watching.get(r) ?? 0);
    if (opened > 0) out.set(`WATCH ${r}`, (out.get(`WATCH ${r}`) ?? 0) + opened);
  }
  return out;
}

const show = (m: Map<string, number>) => [...m].map(([k, v]) => `${v} ${k}`).join(', ') || 'none';

export async function resourceKindsBenches(home: string): Promise<Comparison[]> {
  const sandbox = await startSandboxProcess(['--load', '200x50'], 180_000);
  const kc = sandbox.info.kubeconfigPath;
  const cfg = loadKubeconfig({ kubeconfigEnv: kc, extraFiles: [] }).configFor('phoenix-dev');
  if (!cfg.ok) throw new Error(cfg.message);
  const client = new WorkloadsClient('phoenix-dev', cfg.config, 10_000);
  const resourcesClient = new ResourcesClient(client);
  const deployments = new DeploymentsModel({ sources: () => ({ deployments: (ns) => client.source<V1Deployment>('deployments', ns), replicaSets: (ns) => client.source('replicasets', ns), pods: (ns) => client.source('pods', ns) }) });
  const resources = new ResourcesModel({
    sourcesFor: () => ({
      source: (t, ns) => resourcesClient.source(t, ns),
      discover: (signal) => resourcesClient.discoverNamespaced(signal),
      endpoints: (ns, svc, selector, signal) => resourcesClient.endpoints(ns, svc, selector, signal),
    }),
  });
  try {
    // The Deployments view open on all namespaces, its 10,011 deployments listed and watched.
    deployments.setScope({ context: 'phoenix-dev', namespace: NAMESPACE, allNamespaces: true });
    deployments.setActive(true);
    deployments.roots();
    await deployments.whenListed();
    const listed = deployments.liveStore?.deployments.size ?? 0;
    if (listed < 10_000) throw new Error(`expected ≥ 10,000 deployments, got ${listed}`);
    // The Resources view open on the namespace: its kind groups shown, none expanded.
    resources.setScope('phoenix-dev', NAMESPACE);
    resources.setActive(true);
    const [ns] = resources.roots();
    const groups = (await resources.children(ns)).filter((n): n is GroupRow => n.kind === 'group');
    const group = (label: string) => groups.find((g) => g.label === label) ?? fail(`no ${label} group`);

    const results: Comparison[] = [];
    for (const label of KINDS) {
      const g = group(label);
      const spec = BUILT_IN_KINDS.find((k) => k.label === label) ?? fail(label);
      const ours: number[] = [];
      const theirs: number[] = [];
      let rows = 0;
      let oursMade = new Map<string, number>();
      let theirsMade = new Map<string, number>();
      for (let i = 0; i < RUNS; i++) {
        const before = await requestCounts(kc, home);
        const t0 = performance.now();
        resources.expanded(g);
        const children: ResourceNode[] = await resources.children(g);
        ours.push(performance.now() - t0);
        rows = children.filter((c) => c.kind === 'object').length;
        oursMade = made(before, await requestCounts(kc, home));
        resources.collapsed(g);
        const mid = await requestCounts(kc, home);
        const t1 = performance.now();
        await kubectl(kc, home, ['--context=phoenix-dev', '-n', NAMESPACE, 'get', spec.resource]);
        theirs.push(performance.now() - t1);
        theirsMade = made(mid, await requestCounts(kc, home));
      }
      results.push({
        name: `Resources: expand ${label} (10k deployments)`,
        ours: { label: 'expand → rows (list + watch)', ms: med(ours) },
        theirs: { label: `kubectl get ${spec.resource} -n ${NAMESPACE}`, ms: med(theirs) },
        notes: [`${rows} ${label} in ${NAMESPACE}, medians of ${RUNS}; requests at the API server per expand: ${show(oursMade)}; kubectl: ${show(theirsMade)}`],
      });
    }

    // Collapsed: a minute of deployments changing must not touch any other kind.
    if (resources.watching.length) throw new Error(`still watching ${resources.watching.join(', ')} after collapsing`);
    let events = 0;
    const sub = deployments.liveStore?.deployments.onDidChangeBatch((b) => (events += b.upserted.size));
    const before = await requestCounts(kc, home);
    const end = Date.now() + CHURN_MS;
    let round = 0;
    while (Date.now() < end) {
      const nsName = `load-${String((round % 200) + 1).padStart(4, '0')}`;
      await kubectl(kc, home, ['--context=phoenix-dev', '-n', nsName, 'annotate', 'deployments', '--all', `bench-churn=${round}`, '--overwrite']);
      round++;
    }
    await new Promise((r) => setTimeout(r, 1000)); // the last round's events reach the watch
    const after = await requestCounts(kc, home);
    sub?.dispose();
    const during = made(before, after);
    const others = new Map([...during].filter(([k]) => !k.endsWith(' deployments')));
    const openOther = [...after.watching].filter(([r, v]) => r !== 'deployments' && v > 0);
    const churn: Comparison = {
      name: 'Resources: collapsed kinds, 1 min of changes',
      ours: { label: 'requests for other kinds', ms: [...others.values()].reduce((a, b) => a + b, 0) },
      theirs: { label: 'deployment changes seen (count)', ms: events },
      notes: [
        `${round} rounds of kubectl annotate (50 deployments each) in ${(CHURN_MS / 1000).toFixed(0)} s; ${events.toLocaleString('en')} deployment events reached the Deployments model's watch`,
        `requests at the API server meanwhile: ${show(during)}; other kinds: ${show(others)}; watches open on other kinds after: ${openOther.map(([r, v]) => `${v} ${r}`).join(', ') || 'none'} (the "ms" columns of this row are counts)`,
        `machine load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (2 cores)`,
      ],
    };
    if (others.size || openOther.length) throw new Error(`collapsed kinds made requests: ${show(others)}; open: ${JSON.stringify(openOther)}`);
    return [...results, churn];
  } finally {
    resources.dispose();
    deployments.dispose();
    await sandbox.stop();
  }
}

function fail(what: string): never {
  throw new Error(what);
}

if (require.main === module) {
  const home = mkdtempSync(join(tmpdir(), 'phoenix-bench-'));
  runAlone(() => resourceKindsBenches(home).finally(() => rmSync(home, { recursive: true, force: true })));
}
