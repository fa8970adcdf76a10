// The folder VS Code opens for tests and npm start: a copy of the repo's runbooks/ plus .vscode/settings.json (never the repo itself).
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from './repoRoot';

/** Creates (or refreshes) `dir`: runbooks copied over (extra files kept), settings rewritten. Returns `dir`. */
export function prepareWorkspace(dir: string, settings: Record<string, unknown>): string {
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  const runbooks = repoPath('runbooks');
  if (existsSync(runbooks)) cpSync(runbooks, join(dir, 'runbooks'), { recursive: true, force: true });
  else mkdirSync(join(dir, 'runbooks'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  return dir;
}
