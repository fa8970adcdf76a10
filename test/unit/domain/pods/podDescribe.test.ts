// Describe Pod reads like `kubectl describe pod`: the same labels in the same order, state and last state with reason
// and exit code, conditions, volumes, and only this pod's events, oldest first with their repeat counts.
import assert from 'node:assert/strict';
import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { describePod } from '../../../../src/domain/pods/podDescribe';
import { layoutFields, field, heading, describeTime } from '../../../../src/domain/pods/describeLayout';

const NOW = Date.parse('2026-12-03T18:30:00Z');

function crashPod(): V1Pod {
  return {
    metadata: {
      name: 'platform-api-7d9f8-abcde',
      namespace: 'phoenix-system',
      uid: 'uid-1',
      labels: { app: 'platform-api', 'pod-template-hash': '7d9f8' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'platform-api-7d9f8', uid: 'rs-1', controller: true }],
    },
    spec: {
      nodeName: 'sim-node-1',
      serviceAccountName: 'default',
      priority: 0,
      containers: [
        {
          name: 'platform-api',
          image: 'ghcr.io/phoenix/platform-api:1.4.0-crash',
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'DB_HOST', value: 'postgres' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          volumeMounts: [{ name: 'config', mountPath: '/etc/phoenix', readOnly: true }],
        },
      ],
      volumes: [{ name: 'config', configMap: { name: 'platform-api-config' } }],
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
    },
    status: {
      phase: 'Running',
      hostIP: '10.0.0.11',
      podIP: '10.244.1.7',
      podIPs: [{ ip: '10.244.1.7' }],
      startTime: new Date('2026-12-03T18:00:00Z'),
      qosClass: 'Burstable',
      conditions: [
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [
        {
          name: 'platform-api',
          image: 'ghcr.io/phoenix/platform-api:1.4.0-crash',
          imageID: 'sha256:abc',
          containerID: 'containerd://123',
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
          lastState: { terminated: { reason: 'Error', exitCode: 1, message: 'panic: boom', startedAt: new Date('2026-12-03T18:28:00Z'), finishedAt: new Date('2026-12-03T18:28:05Z') } },
        },
      ],
    },
  };
}

const ev = (over: Partial<CoreV1Event>): CoreV1Event => ({ metadata: {}, involvedObject: { kind: 'Pod', name: 'platform-api-7d9f8-abcde', uid: 'uid-1' }, type: 'Normal', source: { component: 'kubelet' }, ...over });

describe('describePod', () => {
  const events = [
    ev({ reason: 'BackOff', type: 'Warning', message: 'Back-off restarting failed container', count: 7, firstTimestamp: new Date('2026-12-03T18:10:00Z'), lastTimestamp: new Date('2026-12-03T18:29:00Z') }),
    ev({ reason: 'Scheduled', message: 'Successfully assigned', source: { component: 'default-scheduler' }, lastTimestamp: new Date('2026-12-03T18:00:00Z') }),
    ev({ reason: 'Killing', message: 'of another pod', involvedObject: { kind: 'Pod', name: 'other-pod' }, lastTimestamp: new Date('2026-12-03T18:05:00Z') }),
    ev({ reason: 'Pulled', message: 'of an earlier pod with this name', involvedObject: { kind: 'Pod', name: 'platform-api-7d9f8-abcde', uid: 'old-uid' }, lastTimestamp: new Date('2026-12-03T18:06:00Z') }),
  ];
  const text = describePod({ pod: crashPod(), events, nowMs: NOW });

  it('has the identity fields kubectl prints, with node/hostIP and the controller', () => {
    assert.match(text, /^Name:\s+platform-api-7d9f8-abcde$/m);
    assert.match(text, /^Namespace:\s+phoenix-system$/m);
    assert.match(text, /^Node:\s+sim-node-1\/10\.0\.0\.11$/m);
    assert.match(text, /^Start Time:\s+Thu, 03 Dec 2026 18:00:00 \+0000$/m);
    assert.match(text, /^Labels:\s+app=platform-api\n\s+pod-template-hash=7d9f8$/m);
    assert.match(text, /^Annotations:\s+<none>$/m);
    assert.match(text, /^Status:\s+Running$/m);
    assert.match(text, /^IP:\s+10\.244\.1\.7$/m);
    assert.match(text, /^Controlled By:\s+ReplicaSet\/platform-api-7d9f8$/m);
  });

  it('shows the container state, the last state with reason, message and exit code, ready and restarts', () => {
    assert.match(text, /^ {2}platform-api:\n {4}Container ID:\s+containerd:\/\/123\n {4}Image:\s+ghcr\.io\/phoenix\/platform-api:1\.4\.0-crash$/m);
    assert.match(text, /^ {4}State:\s+Waiting\n {6}Reason:\s+CrashLoopBackOff$/m);
    assert.match(text, /^ {4}Last State:\s+Terminated\n {6}Reason:\s+Error\n {6}Message:\s+panic: boom\n {6}Exit Code:\s+1\n {6}Started:\s+Thu, 03 Dec 2026 18:28:00 \+0000\n {6}Finished:\s+Thu, 03 Dec 2026 18:28:05 \+0000$/m);
    assert.match(text, /^ {4}Ready:\s+False\n {4}Restart Count:\s+4$/m);
    assert.match(text, /^ {4}Port:\s+8080\/TCP$/m);
    assert.match(text, /^ {4}Limits:\n {6}memory:\s+256Mi\n {4}Requests:\n {6}cpu:\s+100m\n {6}memory:\s+128Mi$/m);
    assert.match(text, /^ {6}DB_PASSWORD:\s+<set to the key 'password' in secret 'db'>\s+Optional: false$/m);
    assert.match(text, /^ {6}POD_NAME:\s+platform-api-7d9f8-abcde \(v1:metadata\.name\)$/m);
    assert.match(text, /^ {6}APP:\s+platform-api \(v1:metadata\.labels\['app'\]\)$/m);
    // As kubectl: a waiting container's reason only; its message is in the events.
    assert.doesNotMatch(text, /back-off 40s/);
    assert.match(text, /^ {4}Mounts:\s+\/etc\/phoenix from config \(ro\)$/m);
  });

  it('lists conditions, volumes, QoS and tolerations', () => {
    assert.match(text, /^Conditions:\n {2}Type\s+Status\n {2}Ready\s+False\n {2}PodScheduled\s+True$/m);
    assert.match(text, /^Volumes:\n {2}config:\n {4}Type:\s+ConfigMap \(a volume populated by a ConfigMap\)\n {4}Name:\s+platform-api-config$/m);
    assert.match(text, /^QoS Class:\s+Burstable$/m);
    assert.match(text, /^Tolerations:\s+node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s$/m);
  });

  it("lists this pod's events oldest first, repeats as (xN over age), not other pods' nor an earlier pod of the same name", () => {
    const block = text.slice(text.indexOf('Events:'));
    assert.match(block, /^Events:\n {2}Type\s+Reason\s+Age\s+From\s+Message\n {2}----\s+------\s+----\s+----\s+-------\n/);
    const rows = block.split('\n').slice(3).filter((l) => /^ {2}(Normal|Warning)/.test(l));
    assert.equal(rows.length, 2, block);
    assert.match(rows[0] ?? '', /^ {2}Normal\s+Scheduled\s+30m\s+default-scheduler\s+Successfully assigned$/);
    assert.match(rows[1] ?? '', /^ {2}Warning\s+BackOff\s+60s \(x7 over 20m\)\s+kubelet\s+Back-off restarting failed container$/);
    assert.doesNotMatch(block, /other pod|earlier pod/);
  });

  it('says <none> for what is missing and names an events read error instead of showing none', () => {
    const bare: V1Pod = { metadata: { name: 'bare', namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: { phase: 'Pending' } };
    const t = describePod({ pod: bare, events: { error: 'events is forbidden' }, nowMs: NOW });
    assert.match(t, /^Node:\s+<none>$/m);
    assert.match(t, /^Volumes:\s+<none>$/m);
    assert.match(t, /^Conditions:\s+<none>$/m);
    assert.match(t, /^Events:\s+could not be read: events is forbidden$/m);
    assert.doesNotMatch(t, /Controlled By/);
    assert.doesNotMatch(t, /Last State/);
    assert.match(describePod({ pod: bare, events: [], nowMs: NOW }), /^Events:\s+<none>$/m);
  });

  it('a pod being deleted says Terminating', () => {
    const p = crashPod();
    p.metadata!.deletionTimestamp = new Date(NOW - 12_000);
    assert.match(describePod({ pod: p, events: [], nowMs: NOW }), /^Status:\s+Terminating \(lasts 12s\)$/m);
  });
});

describe('describe layout', () => {
  it('aligns the values of a run of fields and continues multi-line values under the first', () => {
    assert.equal(layoutFields([field(0, 'Name', 'x'), field(0, 'Service Account', 'y'), heading(0, 'Containers'), field(1, 'a', 'b\nc')]), 'Name:             x\nService Account:  y\nContainers:\n  a:  b\n      c');
  });
  it('prints times as kubectl does and keeps an unparsable one as it came', () => {
    assert.equal(describeTime('2026-01-05T07:08:09Z'), 'Mon, 05 Jan 2026 07:08:09 +0000');
    assert.equal(describeTime('yesterday'), 'yesterday');
    assert.equal(describeTime(undefined), '<unknown>');
  });
});
