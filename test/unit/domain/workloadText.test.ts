// Texts the workload commands produce: kubectl lines to copy (quoted for a shell), the events table, the log filter.
import assert from 'node:assert/strict';
import type { CoreV1Event } from '@kubernetes/client-node';
import { compileFilter } from '../../../src/shared/logFilter';
import { eventsFor, eventsText } from '../../../src/domain/workloads/eventsTable';
import { kubectlCommandsFor, shellQuote } from '../../../src/domain/workloads/kubectlCommands';
import { objectYaml } from '../../../src/domain/workloads/objectYaml';

describe('kubectl commands to copy', () => {
  it('name the context and namespace and quote what a shell would split', () => {
    const cmds = kubectlCommandsFor({ context: 'phoenix-prod', namespace: 'phoenix-system', kind: 'deployment', name: 'platform-api', selector: 'app=platform-api,track in (primary)', replicas: 6 });
    const byKey = Object.fromEntries(cmds.map((c) => [c.key, c.command]));
    assert.equal(byKey.status, 'kubectl --context=phoenix-prod -n phoenix-system rollout status deployment/platform-api');
    assert.equal(byKey.logs, "kubectl --context=phoenix-prod -n phoenix-system logs -f -l 'app=platform-api,track in (primary)' --prefix --all-containers --max-log-requests=50");
    assert.equal(byKey.scale, 'kubectl --context=phoenix-prod -n phoenix-system scale deployment/platform-api --replicas=6');
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
  });

  it('never lets a name from the server become a flag or a second command', () => {
    const cmds = kubectlCommandsFor({ context: 'phoenix-dev', namespace: 'phase-5', kind: 'pod', name: '--context=prod; rm -rf ~' });
    const byKey = Object.fromEntries(cmds.map((c) => [c.key, c.command]));
    assert.equal(byKey.delete, "kubectl --context=phoenix-dev -n phase-5 delete 'pod/--context=prod; rm -rf ~'");
    assert.equal(byKey.describe, "kubectl --context=phoenix-dev -n phase-5 describe 'pod/--context=prod; rm -rf ~'");
    assert.equal(byKey.events, "kubectl --context=phoenix-dev -n phase-5 get events '--field-selector=involvedObject.name=--context=prod; rm -rf ~' --sort-by=.lastTimestamp");
    for (const c of cmds) assert.doesNotMatch(c.command, / --context=prod/, c.key);
  });
});

describe('events table', () => {
  const ev = (kind: string, name: string, reason: string, at: string, message = ''): CoreV1Event => ({ metadata: { name: `${name}.x` }, involvedObject: { kind, name }, reason, message, type: 'Normal', lastTimestamp: at as unknown as Date, count: 1 });
  it("takes the deployment's, its ReplicaSets' and their pods' events (also of pods gone), newest first, not a sibling's", () => {
    const events = [
      ev('Deployment', 'platform-api', 'ScalingReplicaSet', '2026-01-01T00:00:01Z'),
      ev('Pod', 'platform-api-h2-abcde', 'BackOff', '2026-01-01T00:00:05Z', 'Back-off restarting'),
      ev('ReplicaSet', 'platform-api-h2', 'SuccessfulCreate', '2026-01-01T00:00:02Z'),
      ev('Pod', 'platform-api-canary-h9-zzzzz', 'Pulled', '2026-01-01T00:00:09Z'),
      ev('Deployment', 'platform-api-canary', 'ScalingReplicaSet', '2026-01-01T00:00:09Z'),
    ];
    const rows = eventsFor(events, { deployment: 'platform-api', replicaSets: ['platform-api-h2'] });
    assert.deepEqual(rows.map((r) => r.object), ['pod/platform-api-h2-abcde', 'replicaset/platform-api-h2', 'deployment/platform-api']);
    assert.match(eventsText('Events', rows, Date.parse('2026-01-01T00:01:00Z')), /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+COUNT\s+MESSAGE$/m);
  });
});

describe('Show YAML', () => {
  it('leaves managedFields out', () => {
    const text = objectYaml({ kind: 'Deployment', metadata: { name: 'x', managedFields: [{ manager: 'kubectl' }] }, spec: { replicas: 2 } });
    assert.doesNotMatch(text, /managedFields/);
    assert.match(text, /replicas: 2/);
  });
});

describe('log filter', () => {
  it('includes and excludes by text or regex, case-insensitively unless asked, and highlights include matches', () => {
    const f = compileFilter({ include: 'error', exclude: 'health', regex: false, caseSensitive: false });
    assert.ok(f.ok);
    if (!f.ok) return;
    assert.deepEqual(['ERROR db down', 'ERROR GET /health', 'INFO ok'].map((t) => f.test(t)), [true, false, false]);
    assert.deepEqual(f.highlights('x ERROR y error'), [[2, 7], [10, 15]]);
    const re = compileFilter({ include: 'GET /api/v1/\\w+ 5\\d\\d', exclude: '', regex: true, caseSensitive: true });
    assert.ok(re.ok && re.test('GET /api/v1/tasks 503') && !re.test('get /api/v1/tasks 503'));
    assert.deepEqual(compileFilter({ include: '(', exclude: '', regex: true, caseSensitive: false }).ok, false);
    const literal = compileFilter({ include: 'a.b(', exclude: '', regex: false, caseSensitive: false });
    assert.ok(literal.ok && literal.test('x a.b( y') && !literal.test('axb('));
  });
});
