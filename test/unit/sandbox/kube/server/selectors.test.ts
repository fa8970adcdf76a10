// Label and field selectors: parsing, matching and the server's error messages.
import assert from 'node:assert/strict';
import { checkFieldLabels, fieldValue, matchesFields, parseFieldSelector } from '../../../../../sandbox/kube/server/selectors/fieldSelector';
import {
  formatLabelSelector,
  formatLabels,
  labelSelectorString,
  matchesLabels,
  parseLabelSelector,
  SelectorError,
} from '../../../../../sandbox/kube/server/selectors/labelSelector';
import { makeSelection } from '../../../../../sandbox/kube/server/selectors/selection';
import { resourceInfo } from '../../../../../sandbox/kube/server/resources';
import { ApiError } from '../../../../../sandbox/kube/server/status';
import type { KubeObject } from '../../../../../sandbox/kube/store/types';
import { pod } from './fakeCluster';

const matches = (sel: string, labels?: Record<string, string>) => matchesLabels(parseLabelSelector(sel), labels);

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'app.kubernetes.io/version': '3', track: 'canary' };

  it('matches equality forms =, == and !=', () => {
    assert.equal(matches('app=web', labels), true);
    assert.equal(matches('app==web', labels), true);
    assert.equal(matches('app!=web', labels), false);
    assert.equal(matches('app=api', labels), false);
    // != also matches objects without the label, as in apimachinery
    assert.equal(matches('missing!=x', labels), true);
  });

  it('matches set forms in and notin', () => {
    assert.equal(matches('tier in (front,back)', labels), true);
    assert.equal(matches('tier in (back)', labels), false);
    assert.equal(matches('tier notin (back, db)', labels), true);
    assert.equal(matches('tier notin (front)', labels), false);
    assert.equal(matches('missing notin (x)', labels), true);
    assert.equal(matches('missing in (x)', labels), false);
  });

  it('matches exists and !exists', () => {
    assert.equal(matches('track', labels), true);
    assert.equal(matches('!track', labels), false);
    assert.equal(matches('!missing', labels), true);
    assert.equal(matches('missing', labels), false);
  });

  it('matches gt/lt on integer values and prefixed keys', () => {
    assert.equal(matches('app.kubernetes.io/version>2', labels), true);
    assert.equal(matches('app.kubernetes.io/version<3', labels), false);
  });

  it('combines requirements with commas and tolerates spaces', () => {
    assert.equal(matches(' app = web , tier in ( front ) , !missing ', labels), true);
    assert.equal(matches('app=web,tier=back', labels), false);
    assert.equal(matches('', labels), true);
    assert.equal(matches('app=web', undefined), false);
  });

  it('treats an empty value as a value', () => {
    assert.equal(matches('app=', { app: '' }), true);
    assert.equal(matches('app=', { app: 'x' }), false);
    assert.deepEqual(parseLabelSelector('a in ()')[0].values, ['']);
  });

  it('rejects malformed selectors', () => {
    for (const bad of ['app=web,', 'app in web', '=web', 'app in (a', 'app=(x)', 'app>x', 'bad key=1']) {
      assert.throws(() => parseLabelSelector(bad), SelectorError, bad);
    }
  });

  it('formats LabelSelector objects like metav1.FormatLabelSelector', () => {
    assert.equal(formatLabelSelector({ matchLabels: { tier: 'front', app: 'web' } }), 'app=web,tier=front');
    assert.equal(
      formatLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'beta', operator: 'DoesNotExist' }] }),
      'app=web,!beta,env in (dev,prod)',
    );
    assert.equal(formatLabelSelector({}), '<none>');
    assert.equal(labelSelectorString({}), '');
    assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
    assert.equal(formatLabels({}), '<none>');
  });
});

describe('field selectors', () => {
  const p = pod('phoenix-system', 'web-1', 'web');

  it('parses =, == and != with escapes', () => {
    assert.deepEqual(parseFieldSelector('metadata.name=web-1,status.phase!=Failed,spec.nodeName==node-1'), [
      { field: 'metadata.name', op: '=', value: 'web-1' },
      { field: 'status.phase', op: '!=', value: 'Failed' },
      { field: 'spec.nodeName', op: '=', value: 'node-1' },
    ]);
    assert.deepEqual(parseFieldSelector('metadata.name=a\\,b'), [{ field: 'metadata.name', op: '=', value: 'a,b' }]);
    assert.deepEqual(parseFieldSelector(''), []);
    assert.throws(() => parseFieldSelector('metadata.name'), SelectorError);
  });

  it('compares dotted paths, with "" for missing fields', () => {
    assert.equal(matchesFields(parseFieldSelector('metadata.name=web-1,metadata.namespace=phoenix-system'), p), true);
    assert.equal(matchesFields(parseFieldSelector('status.phase=Running,spec.nodeName=node-1'), p), true);
    assert.equal(matchesFields(parseFieldSelector('status.phase!=Running'), p), false);
    const unscheduled: KubeObject = { ...p, spec: { containers: [] } };
    assert.equal(matchesFields(parseFieldSelector('spec.nodeName='), unscheduled), true);
    assert.equal(fieldValue(p, 'status.nope'), '');
  });

  it('supports the involvedObject fields of events', () => {
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'phoenix-system' },
      involvedObject: { kind: 'Deployment', name: 'web', namespace: 'phoenix-system', uid: 'u-1' },
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      source: { component: 'deployment-controller' },
    };
    const sel = parseFieldSelector('involvedObject.name=web,involvedObject.namespace=phoenix-system,involvedObject.kind=Deployment,involvedObject.uid=u-1');
    assert.equal(matchesFields(sel, ev), true);
    assert.equal(matchesFields(parseFieldSelector('source=deployment-controller,type=Normal'), ev), true);
    assert.equal(matchesFields(parseFieldSelector('involvedObject.kind=Pod'), ev), false);
  });

  it('rejects field labels the resource does not support', () => {
    assert.doesNotThrow(() => checkFieldLabels(parseFieldSelector('status.phase=Running'), resourceInfo('pods').fieldLabels));
    assert.throws(() => checkFieldLabels(parseFieldSelector('spec.replicas=1'), resourceInfo('deployments').fieldLabels), /field label not supported: spec.replicas/);
  });
});

describe('selection', () => {
  it('combines label and field selectors into one predicate, 400 on bad input', () => {
    const sel = makeSelection('app=web', 'status.phase=Running', resourceInfo('pods'));
    assert.equal(sel.matches(pod('ns', 'a', 'web')), true);
    assert.equal(sel.matches(pod('ns', 'b', 'api')), false);
    assert.equal(sel.matches(pod('ns', 'c', 'web', { phase: 'Pending' })), false);
    assert.equal(makeSelection('', '', resourceInfo('pods')).everything, true);
    assert.throws(
      () => makeSelection('app in', '', resourceInfo('pods')),
      (e: unknown) => e instanceof ApiError && e.code === 400 && e.reason === 'BadRequest',
    );
  });
});
