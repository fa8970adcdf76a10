// Command ids as typed constants. A test checks these, package.json and the registrations agree.
export const CommandIds = {
  switchContext: 'phoenixOps.switchContext',
  switchNamespace: 'phoenixOps.switchNamespace',
  useAsKubectlContext: 'phoenixOps.useAsKubectlContext',
  refreshClusters: 'phoenixOps.refreshClusters',
  retryNode: 'phoenixOps.retryNode',
  selectContext: 'phoenixOps.selectContext',
  selectNamespace: 'phoenixOps.selectNamespace',
  setDatabasePassword: 'phoenixOps.setDatabasePassword',
  setApiToken: 'phoenixOps.setApiToken',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  clusters: 'phoenixOps.clusters',
  deployments: 'phoenixOps.deployments',
  experiments: 'phoenixOps.experiments',
  alerts: 'phoenixOps.alerts',
} as const;
