// The Workloads area's commands, one per file, listed here once for registerCommands.
import type { CommandFactory } from '../command';
import { copyKubectlCommand } from './copyKubectlCommand';
import { filterDeploymentsNamespaceCommand } from './filterDeploymentsNamespaceCommand';
import { pauseDeploymentCommand } from './pauseDeploymentCommand';
import { refreshDeploymentsCommand } from './refreshDeploymentsCommand';
import { restartDeploymentCommand } from './restartDeploymentCommand';
import { resumeDeploymentCommand } from './resumeDeploymentCommand';
import { rollBackDeploymentCommand } from './rollBackDeploymentCommand';
import { scaleDeploymentCommand } from './scaleDeploymentCommand';
import { setImageCommand } from './setImageCommand';
import { showEventsCommand } from './showEventsCommand';
import { showYamlCommand } from './showYamlCommand';
import { tailLogsCommand } from './tailLogsCommand';

export const workloadCommands: readonly CommandFactory[] = [
  filterDeploymentsNamespaceCommand,
  refreshDeploymentsCommand,
  restartDeploymentCommand,
  scaleDeploymentCommand,
  pauseDeploymentCommand,
  resumeDeploymentCommand,
  setImageCommand,
  rollBackDeploymentCommand,
  showYamlCommand,
  showEventsCommand,
  copyKubectlCommand,
  tailLogsCommand,
];
