// Which kubectl a terminal runs: the phoenixOps.kubectlPath setting (a path, or a name looked up on PATH), or
// "kubectl" on PATH; a clear error naming the setting and where it looked when there is none. Pure: the file
// check is passed in.
import { delimiter, isAbsolute, join } from 'node:path';
import { err, ok, type Result } from '../../core/result';

export const KUBECTL_SETTING = 'phoenixOps.kubectlPath';

export function resolveKubectl(setting: string, pathEnv: string | undefined, isExecutable: (path: string) => boolean): Result<string, string> {
  const wanted = setting.trim();
  // A path (absolute, or relative and refused) rather than a program name to look up.
  if (wanted.includes('/')) {
    if (!isAbsolute(wanted)) return err(`${KUBECTL_SETTING} is "${wanted}": give an absolute path, or a program name to find on PATH.`);
    return isExecutable(wanted) ? ok(wanted) : err(`${KUBECTL_SETTING} is "${wanted}", which is not an executable file. Install kubectl there or change the setting.`);
  }
  const name = wanted || 'kubectl';
  const dirs = (pathEnv ?? '').split(delimiter).filter((d) => isAbsolute(d));
  for (const d of dirs) {
    const candidate = join(d, name);
    if (isExecutable(candidate)) return ok(candidate);
  }
  const how = wanted ? `${KUBECTL_SETTING} is "${wanted}"` : `${KUBECTL_SETTING} is empty`;
  return err(`kubectl was not found: ${how} and no "${name}" is on PATH (${dirs.length ? dirs.join(delimiter) : 'PATH is empty'}). Install kubectl or set ${KUBECTL_SETTING} to its absolute path.`);
}
