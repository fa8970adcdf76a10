// "Show Results": the experiment's results and analysis from the platform API as a Markdown document, shown rendered.
import * as vscode from 'vscode';
import { resultsMarkdown } from '../../../domain/platform/resultsDocument';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';
import { experimentArg } from './platformArgs';

export const showExperimentResultsCommand: CommandFactory = ({ platform }) => ({
  id: CommandIds.showExperimentResults,
  async run(arg?: unknown) {
    const api = platform.clients().platform;
    const experiment = experimentArg(arg);
    if (!api || !experiment) return;
    const [fresh, results, analysis] = await vscode.window.withProgress(
      { location: { viewId: 'phoenixOps.experiments' }, title: `Results of ${experiment.name}` },
      () => Promise.all([api.experiment(experiment.id), api.results(experiment.id), api.analysis(experiment.id)]),
    );
    if (!fresh.ok && !results.ok) {
      void vscode.window.showErrorMessage(`Could not read the results of ${experiment.name}: ${fresh.error.message}. ${fresh.error.hint}`);
      return;
    }
    const problems = [results, analysis].flatMap((r) => (r.ok ? [] : [`${r.error.message} (${r.error.hint})`]));
    const content = resultsMarkdown(fresh.ok ? fresh.value : experiment, results.ok ? results.value : undefined, analysis.ok ? analysis.value : undefined, problems);
    return platform.showMarkdown(`results-${experiment.name}`, content);
  },
});
