// Installs the Debian packages a launcher needs when they are missing (as root), or says exactly what to install.
import { accessSync, constants, existsSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { runCommand } from './runCommand';

export interface PackageNeed {
  /** The Debian package that provides the binary ("prometheus-alertmanager"). */
  package: string;
  /** Binaries (absolute paths or names looked up in PATH); the need is met when any one exists. */
  binaries: readonly string[];
}

/** What the installer does to the machine, as an interface so tests can fake it. */
export interface PackageHost {
  isRoot(): boolean;
  which(binary: string): string | undefined;
  run(command: string, args: readonly string[]): Promise<{ code: number; output: string }>;
  readFile(path: string): string | undefined;
  writeExecutable(path: string, content: string): void;
  rename(from: string, to: string): void;
  remove(path: string): void;
}

export class MissingPackagesError extends Error {
  readonly command: string;
  constructor(
    readonly packages: readonly string[],
    reason: string,
  ) {
    const command = `sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
    super(`${reason} Install with:\n  ${command}`);
    this.name = 'MissingPackagesError';
    this.command = command;
  }
}

export const POLICY_RC_D = '/usr/sbin/policy-rc.d';
/** Exit code 101 tells invoke-rc.d "action forbidden": the packages must not start daemons on 0.0.0.0. */
const POLICY_SCRIPT = '#!/bin/sh\n# Written by the Phoenix sandbox while it installs packages: no service may start.\nexit 101\n';

export interface EnsureOptions {
  host?: PackageHost;
  log?: (line: string) => void;
}

// apt/dpkg take a lock: launchers starting in parallel must not run two installs at once.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes sure every need is met. Missing packages are installed with apt-get when running as root
 * (apt-get update first only when the install fails for stale or missing lists); otherwise throws a
 * MissingPackagesError naming the exact command to run.
 */
export function ensureDebianPackages(needs: readonly PackageNeed[], opts: EnsureOptions = {}): Promise<void> {
  const run = queue.then(() => ensure(needs, opts.host ?? systemHost, opts.log ?? defaultLog));
  queue = run.catch(() => undefined);
  return run;
}

async function ensure(needs: readonly PackageNeed[], host: PackageHost, log: (l: string) => void): Promise<void> {
  const missing = unique(needs.filter((n) => !isMet(n, host)).map((n) => n.package));
  if (missing.length === 0) return;
  if (!host.isRoot() || !host.which('apt-get')) {
    throw new MissingPackagesError(missing, `Missing ${missing.join(', ')} (not root, or no apt-get, so the sandbox cannot install ${missing.length > 1 ? 'them' : 'it'}).`);
  }
  log(`installing ${missing.join(' ')} with apt-get (once per machine, ~15 s)…`);
  const restorePolicy = preventServiceStarts(host);
  try {
    const args = ['install', '-y', '--no-install-recommends', ...missing];
    let r = await host.run('apt-get', args);
    if (r.code !== 0 && /Unable to locate package|has no installation candidate|Failed to fetch|404\s+Not Found/i.test(r.output)) {
      log('package lists are stale or missing: apt-get update');
      const u = await host.run('apt-get', ['update']);
      if (u.code !== 0) throw new MissingPackagesError(missing, `apt-get update failed:\n${lastLines(u.output)}\n`);
      r = await host.run('apt-get', args);
    }
    if (r.code !== 0) throw new MissingPackagesError(missing, `apt-get install failed:\n${lastLines(r.output)}\n`);
  } finally {
    restorePolicy();
  }
  const still = unique(needs.filter((n) => !isMet(n, host)).map((n) => n.package));
  if (still.length) throw new MissingPackagesError(still, `apt-get finished but ${still.join(', ')} still lacks its binaries.`);
}

/** Installs a policy-rc.d that exits 101 unless one already does; returns how to undo that. */
function preventServiceStarts(host: PackageHost): () => void {
  const current = host.readFile(POLICY_RC_D);
  if (current !== undefined && /^\s*exit\s+101\b/m.test(current)) return () => undefined;
  const backup = `${POLICY_RC_D}.phoenix-sandbox-backup`;
  if (current !== undefined) host.rename(POLICY_RC_D, backup);
  host.writeExecutable(POLICY_RC_D, POLICY_SCRIPT);
  return () => {
    host.remove(POLICY_RC_D);
    if (current !== undefined) host.rename(backup, POLICY_RC_D);
  };
}

function isMet(need: PackageNeed, host: PackageHost): boolean {
  return need.binaries.some((b) => host.which(b) !== undefined);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function lastLines(output: string, n = 12): string {
  return output.trimEnd().split('\n').slice(-n).join('\n');
}

function defaultLog(line: string): void {
  process.stderr.write(`[sandbox] ${line}\n`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a binary like `which`, also in the sbin directories a non-root PATH often lacks. */
export function whichBinary(binary: string): string | undefined {
  if (isAbsolute(binary)) return isExecutable(binary) ? binary : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  for (const d of dirs) {
    if (!d) continue;
    const p = join(d, binary);
    if (existsSync(p) && isExecutable(p)) return p;
  }
  return undefined;
}

const systemHost: PackageHost = {
  isRoot: () => process.getuid?.() === 0,
  which: whichBinary,
  run: (command, args) => runCommand(command, args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }),
  readFile: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  writeExecutable: (path, content) => writeFileSync(path, content, { mode: 0o755 }),
  rename: (from, to) => renameSync(from, to),
  remove: (path) => unlinkSync(path),
};
