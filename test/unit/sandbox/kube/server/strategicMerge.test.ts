// Strategic merge patch: merge keys of the fields kubectl patches, and every directive it emits.
import assert from 'node:assert/strict';
import type { JsonObject } from '../../../../../sandbox/kube/server/patch/patchTypes';
import { applyStrategicMergePatch, listStrategy } from '../../../../../sandbox/kube/server/patch/strategicMerge';

function deploymentDoc(): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a', 'b'] },
    spec: {
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'web:1',
              args: ['--a', '--b'],
              env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }],
              ports: [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 9090, protocol: 'TCP' }],
              volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
            },
            { name: 'sidecar', image: 'proxy:1' },
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'web-config' } }],
          tolerations: [{ key: 'x', operator: 'Exists' }],
        },
      },
    },
  };
}

type Container = { name: string; image?: string; env?: { name: string; value?: string }[]; ports?: { containerPort: number; name?: string }[]; args?: string[]; volumeMounts?: { mountPath: string; name: string }[] };
const containers = (d: JsonObject) => ((d.spec as JsonObject).template as { spec: { containers: Container[] } }).spec.containers;
const podSpec = (d: JsonObject) => ((d.spec as JsonObject).template as { spec: JsonObject }).spec;

describe('strategic merge patch', () => {
  it('knows the merge keys by field path', () => {
    assert.deepEqual(listStrategy(['spec', 'template', 'spec', 'containers']), { type: 'merge', key: 'name' });
    assert.deepEqual(listStrategy(['spec', 'template', 'spec', 'containers', 'ports']), { type: 'merge', key: 'containerPort' });
    assert.deepEqual(listStrategy(['spec', 'ports']), { type: 'merge', key: 'port' });
    assert.deepEqual(listStrategy(['spec', 'template', 'spec', 'containers', 'volumeMounts']), { type: 'merge', key: 'mountPath' });
    assert.deepEqual(listStrategy(['metadata', 'finalizers']), { type: 'primitive' });
    assert.deepEqual(listStrategy(['spec', 'template', 'spec', 'tolerations']), { type: 'replace' });
  });

  it('set image: merges containers by name and keeps the others', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), { spec: { template: { spec: { containers: [{ name: 'web', image: 'web:2' }] } } } });
    const cs = containers(out);
    assert.equal(cs.length, 2);
    assert.equal(cs[0].image, 'web:2');
    assert.deepEqual(cs[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    assert.equal(cs[1].image, 'proxy:1');
  });

  it('does not modify the original', () => {
    const doc = deploymentDoc();
    const before = JSON.stringify(doc);
    applyStrategicMergePatch(doc, { spec: { replicas: 5, template: { spec: { containers: [{ name: 'web', env: [{ name: 'A', value: 'x' }] }] } } } });
    assert.equal(JSON.stringify(doc), before);
  });

  it('merges env by name, ports by containerPort, volumeMounts by mountPath, volumes by name', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }],
                ports: [{ containerPort: 9090, name: 'metrics' }],
                volumeMounts: [{ mountPath: '/etc/cfg', name: 'cfg2' }, { mountPath: '/data', name: 'data' }],
              },
            ],
            volumes: [{ name: 'data', emptyDir: {} }],
          },
        },
      },
    });
    const web = containers(out)[0];
    assert.deepEqual(web.env, [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]);
    assert.deepEqual(web.ports, [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 9090, protocol: 'TCP', name: 'metrics' }]);
    assert.deepEqual(web.volumeMounts, [{ name: 'cfg2', mountPath: '/etc/cfg' }, { mountPath: '/data', name: 'data' }]);
    assert.deepEqual(podSpec(out).volumes, [{ name: 'cfg', configMap: { name: 'web-config' } }, { name: 'data', emptyDir: {} }]);
  });

  it('replaces lists without a merge key (args, tolerations)', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: { template: { spec: { tolerations: [{ key: 'y', operator: 'Exists' }], containers: [{ name: 'web', args: ['--c'] }] } } },
    });
    assert.deepEqual(podSpec(out).tolerations, [{ key: 'y', operator: 'Exists' }]);
    assert.deepEqual(containers(out)[0].args, ['--c']);
  });

  it('null deletes a field, in maps and in merged list items', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      metadata: { labels: { app: null } },
      spec: { template: { spec: { containers: [{ name: 'web', args: null }] } } },
    });
    assert.deepEqual((out.metadata as JsonObject).labels, {});
    assert.equal('args' in containers(out)[0], false);
  });

  it('$patch: delete removes a list element by merge key, or a whole map', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: {
        strategy: { rollingUpdate: { $patch: 'delete' } },
        template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }, { name: 'web', env: [{ name: 'A', $patch: 'delete' }] }] } },
      },
    });
    assert.deepEqual(containers(out).map((c) => c.name), ['web']);
    assert.deepEqual(containers(out)[0].env, [{ name: 'B', value: '2' }]);
    assert.deepEqual((out.spec as JsonObject).strategy, { type: 'RollingUpdate' });
  });

  it('$patch: replace replaces a map, or a list when it appears as an element', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: {
        strategy: { $patch: 'replace', type: 'Recreate' },
        template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'only:1' }] } },
      },
    });
    assert.deepEqual((out.spec as JsonObject).strategy, { type: 'Recreate' });
    assert.deepEqual(containers(out), [{ name: 'only', image: 'only:1' }]);
  });

  it('$setElementOrder orders the merged list, keeping server-only items in place', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'web', '$setElementOrder/env': [{ name: 'C' }, { name: 'A' }], env: [{ name: 'C', value: '3' }] }],
          },
        },
      },
    });
    // B was only on the server: it keeps its position relative to A (after it).
    assert.deepEqual(containers(out)[0].env!.map((e) => e.name), ['C', 'A', 'B']);
  });

  it('$setElementOrder of containers as kubectl apply sends it', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }],
            containers: [{ name: 'web', image: 'web:3' }],
          },
        },
      },
    });
    assert.deepEqual(containers(out).map((c) => `${c.name}:${c.image}`), ['sidecar:proxy:1', 'web:web:3']);
  });

  it('$retainKeys clears the keys of a union it does not list', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    });
    assert.deepEqual((out.spec as JsonObject).strategy, { type: 'Recreate' });
  });

  it('$deleteFromPrimitiveList removes values; primitive merge lists union', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], finalizers: ['c'] },
    });
    assert.deepEqual((out.metadata as JsonObject).finalizers, ['b', 'c']);
  });

  it('applies the patch kubectl apply computes for a changed env value', () => {
    const out = applyStrategicMergePatch(deploymentDoc(), {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
            containers: [{ '$setElementOrder/env': [{ name: 'A' }, { name: 'B' }], env: [{ name: 'B', value: 'debug' }], image: 'web:1.1', name: 'web' }],
          },
        },
      },
    });
    const web = containers(out)[0];
    assert.equal(web.image, 'web:1.1');
    assert.deepEqual(web.env, [{ name: 'A', value: '1' }, { name: 'B', value: 'debug' }]);
    assert.equal(JSON.stringify(out).includes('$setElementOrder'), false);
    assert.deepEqual((out.metadata as JsonObject).annotations, { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' });
  });

  it('merges service ports by port', () => {
    const svc = { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
    const out = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 9443 }] } });
    assert.deepEqual((out.spec as JsonObject).ports, [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 9443 }]);
  });

  it('rejects list items without the merge key', () => {
    assert.throws(() => applyStrategicMergePatch(deploymentDoc(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }), /does not contain declared merge key: name/);
  });
});
