// Integration tests of the whole backend set: the real Prometheus scrapes the exporter, follows a -bad rollout in the store, and a rule from the rules hook fires into the real Alertmanager.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ObjectStore } from '../../../sandbox/kube/store/objectStore';
import { whichBinary } from '../../../sandbox/services/debianPackages';
import { type SandboxServices, startServices } from '../../../sandbox/services/startServices';
import { newStore, seedPlatform, setImage } from '../../unit/sandbox/metrics/clusterFixture';
import { alive, getAlerts, listeningSockets, processesOf, promQuery, promScalar } from './serviceTestKit';
import { waitFor } from '../../shared/waitFor';

const ERROR_RATIO =
  'sum(rate(http_requests_total{cluster="phoenix-dev",service="platform-api",track="primary",status=~"5.."}[3s]))' +
  ' / sum(rate(http_requests_total{cluster="phoenix-dev",service="platform-api",track="primary"}[3s]))';

const RULES = `groups:
  - name: sandbox-test
    rules:
      - alert: SandboxHighErrorRate
        expr: |
          sum by (cluster, namespace, service) (rate(http_requests_total{status=~"5.."}[3s]))
            / sum by (cluster, namespace, service) (rate(http_requests_total[3s])) > 0.1
        for: 0s
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.service }} serves {{ $value | humanizePercentage }} errors"
          runbook: runbooks/high-error-rate.md
`;

describe('sandbox services: exporter + Prometheus + Alertmanager + PostgreSQL', function () {
  this.timeout(30_000);
  let parent: string;
  let store: ObjectStore;
  let services: SandboxServices;
  let pids: number[] = [];

  before(async () => {
    parent = mkdtempSync(join(tmpdir(), 'phoenix-services-test-'));
    store = newStore();
    seedPlatform(store, 20);
    services = await startServices({ dir: parent, clusters: [{ name: 'phoenix-dev', store }] });
    const h = services.handles;
    pids = processesOf([h.postgres.dataDir, h.prometheus.dir, h.alertmanager.dir]).map((p) => p.pid);
    const t = services.timings;
    console.log(
      `      startup: exporter ${t.exporterMs} ms, postgres ${t.postgresMs} ms (server ${t.postgresServerMs} ms), ` +
        `alertmanager ${t.alertmanagerMs} ms, prometheus ${t.prometheusMs} ms; total ${t.totalMs} ms`,
    );
  });

  after(async () => {
    await services?.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('binds every service to 127.0.0.1', () => {
    for (const url of [services.prometheusUrl, services.alertmanagerUrl, services.exporterUrl]) assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(services.postgres.host, '127.0.0.1');
    // What the processes really listen on, from /proc (no `ss` needed): PostgreSQL, Prometheus and
    // Alertmanager each listen somewhere, and nowhere but on loopback.
    const listening = listeningSockets(pids);
    const ports = new Set(listening.map((s) => s.port));
    for (const url of [services.prometheusUrl, services.alertmanagerUrl]) assert.ok(ports.has(Number(new URL(url).port)), `nothing found listening for ${url}: ${JSON.stringify(listening)}`);
    assert.ok(ports.has(services.postgres.port), `PostgreSQL's port not found listening: ${JSON.stringify(listening)}`);
    for (const s of listening) assert.ok(s.address === '127.0.0.1' || s.address === '::1', `process ${s.pid} listens beyond loopback: ${s.address}:${s.port}`);
  });

  it('serves http_requests_total for a service through Prometheus', async () => {
    const series = await waitFor(
      'the first scrape of the exporter',
      async () => {
        const r = await promQuery(services.prometheusUrl, 'sum by (service, track) (http_requests_total{service="platform-api"})');
        return r.length === 2 ? r : undefined;
      },
      15_000,
    );
    assert.deepEqual(series.map((s) => s.metric.track).sort(), ['canary', 'primary']);
    const up = await promQuery(services.prometheusUrl, 'up{job="phoenix-sandbox"}');
    assert.equal(up[0]?.value[1], '1');
  });

  it('loads rule files through the rules hook and rejects a broken one with Prometheus\' message', async () => {
    // Also the scrape-job hook (a simulator serving its own /metrics); checked in a later test, after service discovery ran.
    await services.addScrapeJob({ job: 'extra-target', targets: [services.alertmanagerUrl.replace('http://', '')] });
    await assert.rejects(
      services.writeRuleFile('broken.yml', 'groups:\n  - name: x\n    rules:\n      - alert: Oops\n        expr: sum(\n'),
      /Prometheus reload failed[\s\S]*broken\.yml.*unclosed left parenthesis/,
    );
    assert.equal(existsSync(join(services.rulesDir, 'broken.yml')), false, 'a rejected rule file is taken out again');
    await services.writeRuleFile('sandbox-test.yml', RULES);
    const res = await fetch(`${services.prometheusUrl}/api/v1/rules`);
    const body = (await res.json()) as { data: { groups: Array<{ rules: Array<{ name: string }> }> } };
    assert.deepEqual(body.data.groups.flatMap((g) => g.rules.map((r) => r.name)), ['SandboxHighErrorRate']);
  });

  it('shows the error ratio rise after the deployment\'s pods switch to a -bad image', async () => {
    const before = await waitFor('a healthy error ratio', () => promScalar(services.prometheusUrl, ERROR_RATIO), 5_000);
    // 0.5 % 5xx when healthy; floored counters can make one 3 s window read up to ~6 %.
    assert.ok(before < 0.08, `healthy ratio ${before}`);
    setImage(store, 'platform-api', 'registry.phoenix.local/platform-api:1.5.0-bad');
    const after = await waitFor(
      'the error ratio to rise',
      async () => {
        const v = await promScalar(services.prometheusUrl, ERROR_RATIO);
        return v !== undefined && v > 0.12 ? v : undefined;
      },
      10_000,
    );
    assert.ok(after < 0.3, `ratio ${after} should approach 0.2`);
  });

  it('delivers the rule\'s alert to Alertmanager, and scrapes a job added later', async () => {
    const alerts = await waitFor(
      'SandboxHighErrorRate in Alertmanager',
      async () => {
        const a = await getAlerts(services.alertmanagerUrl, 'alertname="SandboxHighErrorRate"');
        return a.length ? a : undefined;
      },
      12_000,
    );
    assert.equal(alerts[0]?.labels.service, 'platform-api');
    assert.equal(alerts[0]?.labels.severity, 'critical');
    assert.equal(alerts[0]?.status.state, 'active');
    assert.equal(alerts[0]?.annotations.runbook, 'runbooks/high-error-rate.md');
    const up = await waitFor('the added scrape job', () => promScalar(services.prometheusUrl, 'up{job="extra-target"}'), 8_000);
    assert.equal(up, 1);
  });

  it('takes alerts posted to Alertmanager\'s v2 API and lists them', async () => {
    const res = await fetch(`${services.alertmanagerUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: 'SandboxPosted', severity: 'warning', service: 'analytics' }, annotations: { summary: 'posted by a test' } }]),
    });
    assert.equal(res.status, 200);
    const alerts = await getAlerts(services.alertmanagerUrl, 'alertname="SandboxPosted"');
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]?.annotations.summary, 'posted by a test');
  });

  it('serves an exposition that promtool accepts', function () {
    const promtool = whichBinary('promtool');
    if (!promtool) this.skip();
    return fetch(`${services.exporterUrl}/metrics`)
      .then((r) => r.text())
      .then((text) => {
        // promtool lints names and help texts; it exits non-zero only for real format errors or lint problems.
        // ingress-nginx itself exports nginx_ingress_controller_requests as a counter without "_total" (the name
        // canary queries rely on), which promtool's lint flags on the real controller too: that family is left out.
        const ours = text.split('\n').filter((l) => !/^(# (HELP|TYPE) )?nginx_ingress_controller_requests[ {]/.test(l)).join('\n');
        execFileSync(promtool, ['check', 'metrics'], { input: ours, encoding: 'utf8' });
      });
  });

  it('stops every process and removes its directories', async () => {
    assert.ok(pids.length >= 4, `found only ${pids.length} service processes`);
    await services.stop();
    assert.deepEqual(alive(pids), []);
    const h = services.handles;
    for (const d of [h.postgres.dir, h.prometheus.dir, h.alertmanager.dir]) assert.equal(existsSync(d), false, `${d} left behind`);
    await assert.rejects(fetch(`${services.exporterUrl}/metrics`));
  });
});
