// Resource usage and nodes below the UI, side by side with real kubectl: the cockpit's pod, container and node figures
// (metrics.k8s.io read by MetricsClient, shaped by domain/usage and domain/nodes) equal `kubectl top`'s for the same
// 15 s window; a node cordoned by the cockpit is Ready,SchedulingDisabled for `kubectl get node` and gets no new pods;
// without a metrics API both say so.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsClient } from '../../../src/clients/kubernetes/metricsClient';
import { NodesClient } from '../../../src/clients/kubernetes/nodesClient';
import { nodeUsage, summarizeNode } from '../../../src/domain/nodes/nodeSummary';
import { podUsage, sortByUsage, topFigures } from '../../../src/domain/usage/podUsage';
import { toMebibytes, toMillicores } from '../../../src/domain/usage/quantity';
import { ResourceCollector } from '../../../sandbox/metrics/resourceCollector';
import { TrafficCollector } from '../../../sandbox/metrics/trafficCollector';
import { waitFor } from '../../shared/waitFor';
import { startWorkloadEnv, type WorkloadEnv } from './workloadHarness';

const NS = 'phoenix-system';

/** Rows of a kubectl top table, header dropped, split on runs of spaces. */
const rows = (out: string) => out.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));

describe('resource usage and nodes against the simulator, side by side with kubectl', function () {
  this.timeout(180_000);
  let env: WorkloadEnv;
  let metrics: MetricsClient;
  let nodes: NodesClient;
  const cacheDirs: string[] = [];
  before(async () => {
    env = await startWorkloadEnv();
    // The Kubernetes-only sandbox has no exporter: wire the same traffic-driven resource model the full sandbox uses.
    const traffic = new TrafficCollector(env.sandbox.clusters, {});
    const resources = new ResourceCollector(() => traffic.sources, (c) => traffic.topology(c));
    for (const c of env.sandbox.clusters) c.usage = (t) => resources.usageAt(c.name, t);
    const client = env.client('phoenix-dev');
    metrics = new MetricsClient(client.http);
    nodes = new NodesClient(client.http, 500);
  });
  after(async () => {
    for (const d of cacheDirs) rmSync(d, { recursive: true, force: true });
    await env?.stop();
  });

  const k = (...args: string[]) => env.kubectl('--context=phoenix-dev', ...args);
  /** kubectl, the cockpit, kubectl again: the first reading whose two kubectl answers agree (one metrics window). */
  const sameWindow = <T>(what: string, kubectl: () => Promise<string>, cockpit: () => Promise<T>) =>
    waitFor(what, async () => {
      const a = await kubectl();
      const ours = await cockpit();
      const b = await kubectl();
      return a === b && ([ours, a] as const);
    }, { timeoutMs: 90_000, intervalMs: 500 });

  it('pod CPU and memory equal kubectl top pods -n for every pod, label selector included', async () => {
    const [ours, theirs] = await sameWindow('one window of kubectl top pods', () => k('top', 'pods', '-n', NS), async () => {
      const r = await metrics.podMetrics(NS);
      assert.ok(r.ok, !r.ok ? r.error.message : '');
      return r.value.map((m) => podUsage(m));
    });
    const kubectlRows = rows(theirs).map(([name, cpu, mem]) => `${name} ${cpu} ${mem}`).sort();
    const cockpitRows = ours.map((u) => `${u.name} ${topFigures(u).cpuMillis}m ${topFigures(u).memoryMi}Mi`).sort();
    assert.ok(cockpitRows.length >= 5, `pods with usage: ${cockpitRows.length}`);
    assert.deepEqual(cockpitRows, kubectlRows);
    // A label selector narrows both to the same pods.
    const [sel, selK] = await sameWindow('kubectl top pods -l', () => k('top', 'pods', '-n', NS, '-l', 'app=platform-api'), async () => {
      const r = await metrics.podMetrics(NS, 'app=platform-api');
      assert.ok(r.ok);
      return r.value.map((m) => m.metadata?.name ?? '').sort();
    });
    assert.deepEqual(sel, rows(selK).map((r) => r[0]).sort());
    assert.ok(sel.length >= 2 && sel.every((n) => n.startsWith('platform-api-')), sel.join(' '));
  });

  it('per-container figures equal kubectl top pods --containers', async () => {
    const [ours, theirs] = await sameWindow('kubectl top pods --containers', () => k('top', 'pods', '-n', NS, '--containers'), async () => {
      const r = await metrics.podMetrics(NS);
      assert.ok(r.ok);
      return r.value.flatMap((m) => podUsage(m).containers.map((c) => `${m.metadata?.name} ${c.name} ${toMillicores(c.cpu.used)}m ${toMebibytes(c.memory.used)}Mi`));
    });
    assert.deepEqual(ours.sort(), rows(theirs).map((r) => r.join(' ')).sort());
  });

  it('all namespaces sorted by memory come in kubectl top pods -A --sort-by=memory order, in one request', async () => {
    const [ours, theirs] = await sameWindow('kubectl top pods -A --sort-by=memory', () => k('top', 'pods', '-A', '--sort-by=memory'), async () => {
      const r = await metrics.podMetrics(undefined);
      assert.ok(r.ok);
      const usage = r.value.map((m) => podUsage(m));
      return sortByUsage(usage, 'memory', (u) => u, (u) => u.name);
    });
    assert.ok(new Set(ours.map((u) => u.namespace)).size >= 2, 'pods of several namespaces');
    // Equal memory may tie in either order: the memory column and the set of rows must agree.
    const kubectlRows = rows(theirs);
    assert.deepEqual(ours.map((u) => `${topFigures(u).memoryMi}Mi`), kubectlRows.map((r) => r[3]));
    assert.deepEqual(ours.map((u) => `${u.namespace}/${u.name}`).sort(), kubectlRows.map((r) => `${r[0]}/${r[1]}`).sort());
  });

  it('node usage and percent of allocatable equal kubectl top nodes', async () => {
    const [ours, theirs] = await sameWindow('kubectl top nodes', () => k('top', 'nodes'), async () => {
      const [n, m] = await Promise.all([nodes.nodes(), metrics.nodeMetrics()]);
      assert.ok(n.ok && m.ok);
      return n.value.map((node) => {
        const s = summarizeNode(node);
        const u = nodeUsage(m.value.find((x) => x.metadata?.name === s.name) ?? {}, s);
        return `${s.name} ${toMillicores(u.cpu)}m ${u.cpuPercent}% ${toMebibytes(u.memory)}Mi ${u.memoryPercent}%`;
      });
    });
    assert.equal(ours.length, 3);
    assert.deepEqual(ours.sort(), rows(theirs).map((r) => r.join(' ')).sort());
  });

  it('a node cordoned by the cockpit is SchedulingDisabled for kubectl and gets no new pods; uncordon lifts it', async () => {
    const list = await nodes.nodes();
    assert.ok(list.ok);
    const target = list.value[1].metadata?.name ?? '';
    const cordoned = await nodes.setUnschedulable(target, true);
    assert.ok(cordoned.ok, !cordoned.ok ? cordoned.error.message : '');
    assert.equal(summarizeNode(cordoned.value).status, 'Ready,SchedulingDisabled');
    assert.match(await k('get', 'node', target), new RegExp(`${target}\\s+Ready,SchedulingDisabled\\s+worker`));
    // New pods go elsewhere: scale a deployment up and see where its new pods land.
    const before = new Set((await k('get', 'pods', '-n', 'phase-5', '-l', 'app=frontend', '-o', 'name')).split('\n').filter(Boolean));
    await k('scale', '-n', 'phase-5', 'deployment/frontend', '--replicas=8');
    const placed = await waitFor('the new frontend pods scheduled', async () => {
      const out = await k('get', 'pods', '-n', 'phase-5', '-l', 'app=frontend', '-o', 'jsonpath={range .items[*]}pod/{.metadata.name} {.spec.nodeName}{"\\n"}{end}');
      const fresh = out.split('\n').filter(Boolean).map((l) => l.split(' ')).filter(([n]) => !before.has(n));
      return fresh.length >= 8 - before.size && fresh.every(([, node]) => node) && fresh;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    assert.ok(placed.every(([, node]) => node !== target), placed.map((p) => p.join(' on ')).join(', '));
    // What the Nodes view lists under the node is what kubectl sees bound to it.
    const onNode = await nodes.podsOnAnyNode();
    assert.ok(onNode.ok);
    const ours = onNode.value.filter((p) => p.spec?.nodeName === target).map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`).sort();
    const theirs = (await k('get', 'pods', '-A', '--field-selector', `spec.nodeName=${target}`, '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}')).split('\n').filter(Boolean).sort();
    assert.deepEqual(ours, theirs);
    const un = await nodes.setUnschedulable(target, false);
    assert.ok(un.ok);
    assert.match(await k('get', 'node', target), new RegExp(`${target}\\s+Ready\\s+worker`));
    assert.equal(summarizeNode(un.value).unschedulable, false);
  });

  it('without a metrics API the cockpit says unavailable and kubectl top says the Metrics API is not available', async () => {
    const dev = env.sandbox.clusters.find((c) => c.name === 'phoenix-dev');
    assert.ok(dev);
    const source = dev.usage;
    dev.usage = undefined;
    try {
      const r = await metrics.podMetrics(NS);
      assert.ok(!r.ok && r.error.kind === 'unavailable', JSON.stringify(r));
      const n = await metrics.nodeMetrics();
      assert.ok(!n.ok && n.error.kind === 'unavailable');
      // A fresh discovery cache: kubectl must find the group gone, not remember it.
      const cache = mkdtempSync(join(tmpdir(), 'top-cache-'));
      cacheDirs.push(cache);
      await assert.rejects(k('top', 'pods', '-n', NS, `--cache-dir=${cache}`), /Metrics API not available/);
    } finally {
      dev.usage = source;
    }
  });
});
