// Port Forward… in a real extension host against the sandbox: a forward through deployment platform-api answers GET
// /health exactly as the sandbox's platform API does, is listed with its state, is audited at start and at stop, and
// after Stop the local port refuses connections. (Read-only mode blocking it is in security.test.ts's inventory.)
import * as assert from 'node:assert/strict';
import { get } from 'node:http';
import * as vscode from 'vscode';
import type { CockpitApi } from '../../../src/vscode/cockpitApi';
import { isLocalPortFree } from '../../../src/domain/portforward/portProbe';
import { proposeLocalPort } from '../../../src/domain/portforward/localPorts';
import { waitFor } from '../../shared/waitFor';
import { loadedCockpit } from './cockpit';
import { auditLines } from './sandboxKubectl';

function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

describe('Port Forward (extension host, sandbox)', function () {
  this.timeout(90_000);
  let cockpit: CockpitApi;
  before(async () => {
    cockpit = await loadedCockpit();
    await vscode.commands.executeCommand('phoenixOps.selectContext', { entry: { name: 'phoenix-dev' } });
  });

  it('forwards to a ready pod of platform-api: /health as the platform API answers it, listed Active, audited at start and stop; stopped → refused', async () => {
    const platformApi = vscode.workspace.getConfiguration('phoenixOps').get<string>('platformApi.url');
    assert.ok(platformApi, 'the sandbox configures the platform API');
    const localPort = await proposeLocalPort(8080, isLocalPortFree);
    assert.ok(localPort);
    const since = new Date().toISOString();
    const r = await vscode.commands.executeCommand<{ started?: { id: string; pod: string; deployment?: string; url: string } }>('phoenixOps.portForward', { context: 'phoenix-dev', namespace: 'phoenix-system', deployment: 'platform-api' }, { remotePort: 8080, localPort });
    assert.ok(r.started, JSON.stringify(r));
    assert.equal(r.started.deployment, 'platform-api');
    assert.equal(r.started.url, `http://localhost:${localPort}`);
    const through = await fetchText(`http://127.0.0.1:${localPort}/health`);
    assert.equal(through.status, 200);
    assert.deepEqual(JSON.parse(through.body), JSON.parse((await fetchText(`${platformApi}/health`)).body));
    const [row] = cockpit.portForwards();
    assert.deepEqual(row && [row.localPort, row.remotePort, row.deployment, row.state, row.status], [localPort, 8080, 'platform-api', 'active', 'Active']);

    assert.equal(await vscode.commands.executeCommand('phoenixOps.stopPortForward', { id: r.started.id }), true);
    assert.deepEqual(cockpit.portForwards(), []);
    await assert.rejects(fetchText(`http://127.0.0.1:${localPort}/health`), /ECONNREFUSED/);
    const lines = await waitFor('start and stop audited', () => {
      const mine = auditLines(cockpit.auditFile).filter((l) => l.time >= since && /port-forward/.test(l.action));
      return mine.length >= 2 ? mine : undefined;
    });
    assert.deepEqual(lines.map((l) => [l.action, l.object, l.outcome]), [
      ['port-forward', 'deployment/platform-api', 'succeeded'],
      ['stop port-forward', 'deployment/platform-api', 'succeeded'],
    ]);
    assert.match(lines[0]?.detail ?? '', new RegExp(`^localhost:${localPort} → deployment/platform-api \\(pod ${r.started.pod}\\) port 8080$`));
  });

  it('a local port already in use: the start fails saying so, nothing is listed', async () => {
    const platformApi = new URL(vscode.workspace.getConfiguration('phoenixOps').get<string>('platformApi.url') ?? '');
    const taken = Number(platformApi.port);
    const r = await vscode.commands.executeCommand<{ started?: unknown; why?: string; message?: string }>('phoenixOps.portForward', { context: 'phoenix-dev', namespace: 'phoenix-system', deployment: 'platform-api' }, { remotePort: 8080, localPort: taken });
    assert.equal(r.why, 'failed');
    assert.match(r.message ?? '', new RegExp(`local port ${taken} is in use`));
    assert.deepEqual(cockpit.portForwards(), []);
  });
});
