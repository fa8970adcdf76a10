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
  // Workloads (Deployments view)
  filterDeploymentsNamespace: 'phoenixOps.filterDeploymentsNamespace',
  refreshDeployments: 'phoenixOps.refreshDeployments',
  restartDeployment: 'phoenixOps.restartDeployment',
  scaleDeployment: 'phoenixOps.scaleDeployment',
  pauseDeployment: 'phoenixOps.pauseDeployment',
  resumeDeployment: 'phoenixOps.resumeDeployment',
  setImage: 'phoenixOps.setImage',
  rollBackDeployment: 'phoenixOps.rollBackDeployment',
  showYaml: 'phoenixOps.showYaml',
  showEvents: 'phoenixOps.showEvents',
  copyKubectlCommand: 'phoenixOps.copyKubectlCommand',
  tailLogs: 'phoenixOps.tailLogs',
  // Progressive delivery (canary rollouts, blue-green, Flagger and Argo Rollouts)
  startCanary: 'phoenixOps.startCanary',
  showCanary: 'phoenixOps.showCanary',
  pauseCanary: 'phoenixOps.pauseCanary',
  resumeCanary: 'phoenixOps.resumeCanary',
  promoteCanary: 'phoenixOps.promoteCanary',
  abortCanary: 'phoenixOps.abortCanary',
  setCanaryWeight: 'phoenixOps.setCanaryWeight',
  newRolloutPlan: 'phoenixOps.newRolloutPlan',
  // Platform (Alerts, Experiments, Agents views)
  refreshAlerts: 'phoenixOps.refreshAlerts',
  silenceAlert: 'phoenixOps.silenceAlert',
  expireSilence: 'phoenixOps.expireSilence',
  openAlertRunbook: 'phoenixOps.openAlertRunbook',
  showAlertQuery: 'phoenixOps.showAlertQuery',
  copyAlertLabels: 'phoenixOps.copyAlertLabels',
  refreshExperiments: 'phoenixOps.refreshExperiments',
  createExperiment: 'phoenixOps.createExperiment',
  stopExperiment: 'phoenixOps.stopExperiment',
  showExperimentResults: 'phoenixOps.showExperimentResults',
  refreshAgents: 'phoenixOps.refreshAgents',
  requeueTask: 'phoenixOps.requeueTask',
  // Runbooks (notebooks)
  openAsRunbook: 'phoenixOps.openAsRunbook',
  resetRunbookParameters: 'phoenixOps.resetRunbookParameters',
  exportIncidentTimeline: 'phoenixOps.exportIncidentTimeline',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  clusters: 'phoenixOps.clusters',
  deployments: 'phoenixOps.deployments',
  experiments: 'phoenixOps.experiments',
  alerts: 'phoenixOps.alerts',
  agents: 'phoenixOps.agents',
} as const;

export type ViewId = (typeof ViewIds)[keyof typeof ViewIds];
