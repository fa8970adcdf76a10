// Flagger's Canary and Argo Rollouts' Rollout: their CRDs (group, names, printer columns and status
// subresource as the projects ship them; schemas left open) and one seeded object of each, in the
// state their controllers leave after a finished release. No controller runs: the cockpit lists
// them, charts them from Prometheus and acts on them through the fields their projects document.
import type { ObjectStore } from '../store/objectStore';
import type { KubeObject } from '../store/types';

const openSchema = { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } };

function crd(group: string, version: string, plural: string, kind: string, shortNames: string[], columns: object[], scale?: object): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, shortNames, categories: ['all'] },
      scope: 'Namespaced',
      versions: [{ name: version, served: true, storage: true, schema: openSchema, subresources: { status: {}, ...(scale ? { scale } : {}) }, additionalPrinterColumns: columns }],
    },
    status: {
      acceptedNames: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List`, shortNames, categories: ['all'] },
      storedVersions: [version],
      conditions: [{ type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' }],
    },
  };
}

export const FLAGGER_CANARY_CRD = crd('flagger.app', 'v1beta1', 'canaries', 'Canary', ['canary'], [
  { name: 'Status', type: 'string', jsonPath: '.status.phase' },
  { name: 'Weight', type: 'string', jsonPath: '.status.canaryWeight' },
  { name: 'FailedChecks', type: 'string', priority: 1, jsonPath: '.status.failedChecks' },
  { name: 'Interval', type: 'string', priority: 1, jsonPath: '.spec.analysis.interval' },
  { name: 'StepWeight', type: 'string', priority: 1, jsonPath: '.spec.analysis.stepWeight' },
  { name: 'MaxWeight', type: 'string', priority: 1, jsonPath: '.spec.analysis.maxWeight' },
  { name: 'LastTransitionTime', type: 'string', jsonPath: '.status.lastTransitionTime' },
]);

export const ARGO_ROLLOUT_CRD = crd(
  'argoproj.io',
  'v1alpha1',
  'rollouts',
  'Rollout',
  ['ro'],
  [
    { name: 'Desired', type: 'integer', description: 'Number of desired pods', jsonPath: '.spec.replicas' },
    { name: 'Current', type: 'integer', description: 'Total number of non-terminated pods targeted by this rollout', jsonPath: '.status.replicas' },
    { name: 'Up-to-date', type: 'integer', description: 'Total number of non-terminated pods targeted by this rollout that have the desired template spec', jsonPath: '.status.updatedReplicas' },
    { name: 'Available', type: 'integer', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this rollout', jsonPath: '.status.availableReplicas' },
    { name: 'Age', type: 'date', description: 'Time since resource was created', jsonPath: '.metadata.creationTimestamp' },
  ],
  { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.HPAReplicas', labelSelectorPath: '.status.selector' },
);

/** guide 000's analysis, for a service that is not the cockpit's own canary target. */
function flaggerCanary(namespace: string, target: string, at: string): KubeObject {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: target, namespace },
    spec: {
      provider: 'nginx',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
      ingressRef: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: target },
      progressDeadlineSeconds: 300,
      service: { port: 8080 },
      analysis: {
        interval: '1m',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
          { name: 'request-duration', thresholdRange: { max: 500 }, interval: '1m' },
        ],
      },
    },
    status: {
      phase: 'Succeeded',
      canaryWeight: 0,
      failedChecks: 0,
      iterations: 0,
      lastAppliedSpec: '5d8f9c7b6',
      lastTransitionTime: at,
      conditions: [{ type: 'Promoted', status: 'True', reason: 'Succeeded', message: 'Canary analysis completed successfully, promotion finished.', lastUpdateTime: at, lastTransitionTime: at }],
    },
  };
}

/** An Argo Rollout that manages an existing Deployment's pods (workloadRef), paused at its second step. */
function argoRollout(namespace: string, target: string, replicas: number, at: string): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: target, namespace },
    spec: {
      replicas,
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '10m' } }] } },
    },
    status: {
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
      replicas,
      updatedReplicas: 1,
      readyReplicas: replicas,
      availableReplicas: replicas,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: at }],
      controllerPause: true,
      conditions: [{ type: 'Paused', status: 'True', reason: 'RolloutPaused', message: 'Rollout is paused', lastUpdateTime: at, lastTransitionTime: at }],
    },
  };
}

/** The two CRDs, a Flagger Canary for generator and an Argo Rollout for analytics (both in phoenix-system). */
export function seedProgressiveDelivery(store: ObjectStore, nowMs: number, replicas: number): void {
  store.create('customresourcedefinitions', FLAGGER_CANARY_CRD);
  store.create('customresourcedefinitions', ARGO_ROLLOUT_CRD);
  const hoursAgo = (h: number) => new Date(nowMs - h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  store.create('canaries.flagger.app', flaggerCanary('phoenix-system', 'generator', hoursAgo(9)));
  store.create('rollouts.argoproj.io', argoRollout('phoenix-system', 'analytics', replicas, hoursAgo(2)));
}
