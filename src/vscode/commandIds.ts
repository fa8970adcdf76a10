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
  // Edit with a server-side dry run and a diff (resource rows; explorer/editor on a .yaml file)
  editYaml: 'phoenixOps.editYaml',
  applyFile: 'phoenixOps.applyFile',
  // Pod actions (Deployments view: pod and deployment rows)
  describePod: 'phoenixOps.describePod',
  refreshPodDocument: 'phoenixOps.refreshPodDocument',
  previousLogs: 'phoenixOps.previousLogs',
  deletePod: 'phoenixOps.deletePod',
  deletePods: 'phoenixOps.deletePods',
  // Resource usage and nodes (Deployments view toolbar; Nodes view)
  sortPodsByUsage: 'phoenixOps.sortPodsByUsage',
  refreshNodes: 'phoenixOps.refreshNodes',
  cordonNode: 'phoenixOps.cordonNode',
  uncordonNode: 'phoenixOps.uncordonNode',
  drainNode: 'phoenixOps.drainNode',
  execPod: 'phoenixOps.execPod',
  // Port forwards (pod and deployment rows; the Port Forwards view)
  portForward: 'phoenixOps.portForward',
  stopPortForward: 'phoenixOps.stopPortForward',
  openPortForward: 'phoenixOps.openPortForward',
  copyPortForwardUrl: 'phoenixOps.copyPortForwardUrl',
  // Every other kind (Resources view)
  refreshResources: 'phoenixOps.refreshResources',
  filterResources: 'phoenixOps.filterResources',
  clearResourcesFilter: 'phoenixOps.clearResourcesFilter',
  deleteResource: 'phoenixOps.deleteResource',
  runCronJobNow: 'phoenixOps.runCronJobNow',
  revealSecretKey: 'phoenixOps.revealSecretKey',
  // Progressive delivery (canary rollouts, blue-green, Flagger and Argo Rollouts)
  startCanary: 'phoenixOps.startCanary',
  showCanary: 'phoenixOps.showCanary',
  pauseCanary: 'phoenixOps.pauseCanary',
  resumeCanary: 'phoenixOps.resumeCanary',
  promoteCanary: 'phoenixOps.promoteCanary',
  abortCanary: 'phoenixOps.abortCanary',
  setCanaryWeight: 'phoenixOps.setCanaryWeight',
  newRolloutPlan: 'phoenixOps.newRolloutPlan',
  refreshRollouts: 'phoenixOps.refreshRollouts',
  dismissCanaryOutcome: 'phoenixOps.dismissCanaryOutcome',
  blueGreenSwitch: 'phoenixOps.blueGreenSwitch',
  blueGreenSwitchBack: 'phoenixOps.blueGreenSwitchBack',
  blueGreenCleanup: 'phoenixOps.blueGreenCleanup',
  flaggerSuspend: 'phoenixOps.flaggerSuspend',
  flaggerResume: 'phoenixOps.flaggerResume',
  flaggerSkipAnalysis: 'phoenixOps.flaggerSkipAnalysis',
  runFlaggerAnalysis: 'phoenixOps.runFlaggerAnalysis',
  argoPromote: 'phoenixOps.argoPromote',
  argoPromoteFull: 'phoenixOps.argoPromoteFull',
  argoAbort: 'phoenixOps.argoAbort',
  argoRetry: 'phoenixOps.argoRetry',
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
  showCostReduction: 'phoenixOps.showCostReduction',
  showCostOverview: 'phoenixOps.showCostOverview',
  showServiceHealth: 'phoenixOps.showServiceHealth',
  refreshAgents: 'phoenixOps.refreshAgents',
  requeueTask: 'phoenixOps.requeueTask',
  // Runbooks (notebooks)
  openAsRunbook: 'phoenixOps.openAsRunbook',
  resetRunbookParameters: 'phoenixOps.resetRunbookParameters',
  runFromHere: 'phoenixOps.runFromHere',
  runUpToHere: 'phoenixOps.runUpToHere',
  runCellsByCategory: 'phoenixOps.runCellsByCategory',
  exportIncidentTimeline: 'phoenixOps.exportIncidentTimeline',
  // Backups (Backups view, namespaces in the Clusters view)
  backUp: 'phoenixOps.backUp',
  refreshBackups: 'phoenixOps.refreshBackups',
  verifyBackup: 'phoenixOps.verifyBackup',
  testRestoreBackup: 'phoenixOps.testRestoreBackup',
  restoreBackup: 'phoenixOps.restoreBackup',
  revealBackup: 'phoenixOps.revealBackup',
  deleteBackup: 'phoenixOps.deleteBackup',
  applyBackupRetention: 'phoenixOps.applyBackupRetention',
  exportBackupCronJob: 'phoenixOps.exportBackupCronJob',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

export const ViewIds = {
  clusters: 'phoenixOps.clusters',
  deployments: 'phoenixOps.deployments',
  experiments: 'phoenixOps.experiments',
  alerts: 'phoenixOps.alerts',
  agents: 'phoenixOps.agents',
  backups: 'phoenixOps.backups',
  rollouts: 'phoenixOps.rollouts',
  nodes: 'phoenixOps.nodes',
  portForwards: 'phoenixOps.portForwards',
  resources: 'phoenixOps.resources',
} as const;

export type ViewId = (typeof ViewIds)[keyof typeof ViewIds];

/** Context keys the cockpit sets (package.json `when` clauses read them). */
export const ContextKeys = {
  /** No context is selected: only then may the Deployments view's welcome say so. */
  deploymentsNoContext: 'phoenixOps.deployments.noContext',
  /** The Resources view has a name filter set: only then is Clear Filter shown. */
  resourcesFiltered: 'phoenixOps.resources.filtered',
} as const;
