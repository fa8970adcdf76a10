// "Filter…" (Resources view): narrows the loaded kinds to names containing the text, live as it is typed (it filters
// what is already in memory: no request). Escape puts the previous filter back; Enter keeps the new one.
import * as vscode from 'vscode';
import { CommandIds } from '../../commandIds';
import type { CommandFactory } from '../command';

export const filterResourcesCommand: CommandFactory = (services) => ({
  id: CommandIds.filterResources,
  run(text?: unknown): Promise<string> | string {
    const resources = services.workloads.resources;
    // A string argument sets the filter at once (keybindings, tests); otherwise ask.
    if (typeof text === 'string') {
      resources.setFilter(text);
      return resources.model.filter;
    }
    const previous = resources.model.filter;
    const box = vscode.window.createInputBox();
    box.title = 'Filter Resources by name';
    box.prompt = 'Names containing this text, in the kinds that are expanded (collapsed kinds are not loaded). Empty clears the filter.';
    box.placeholder = 'e.g. platform';
    box.value = previous;
    return new Promise<string>((resolve) => {
      let accepted = false;
      box.onDidChangeValue((v) => resources.setFilter(v));
      box.onDidAccept(() => {
        accepted = true;
        resources.setFilter(box.value);
        box.hide();
      });
      box.onDidHide(() => {
        if (!accepted) resources.setFilter(previous);
        box.dispose();
        resolve(resources.model.filter);
      });
      box.show();
    });
  },
});
