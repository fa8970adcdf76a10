// Ends everything a runbook cell started. Killing the cell's process group misses children that started a
// session or group of their own (setsid, a daemonising tool); each cell's processes therefore carry a marker
// in their environment, inherited through fork, exec, setsid and double forks, and every process holding it
// is signalled too. (A process that clears its whole environment escapes the marker, not the group kill.)
import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable that marks a cell's processes. */
export const CELL_MARKER_VAR = '__PHX_CELL';

/** Sends `signal` to the process group `pgid` and to every process whose environment holds the cell's marker. */
export function signalCell(pgid: number | undefined, marker: string, signal: NodeJS.Signals): number {
  let signalled = 0;
  if (pgid !== undefined && trySignal(-pgid, signal)) signalled++;
  for (const pid of markedProcesses(marker)) if (trySignal(pid, signal)) signalled++;
  return signalled;
}

/** Pids (other than this process) whose environment holds `__PHX_CELL=<marker>`; none where /proc cannot be read. */
export function markedProcesses(marker: string): number[] {
  const needle = Buffer.from(`${CELL_MARKER_VAR}=${marker}\0`);
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${e}/environ`).includes(needle)) pids.push(pid);
    } catch {
      // gone meanwhile, or another user's
    }
  }
  return pids;
}

function trySignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
