// Debian packages the tooling needs (headers for native builds, ripgrep, Chromium): installed with apt when root, else named exactly.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run } from './processes';

export interface SystemNeed {
  /** What it is for, shown when it is missing. */
  readonly what: string;
  readonly present: () => boolean;
  readonly aptPackages: readonly string[];
}

/** True when `name` is an executable on PATH. */
export function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, name)));
}

export const needs = {
  kerberosHeaders: { what: 'Kerberos headers (code-server builds the kerberos module)', present: () => existsSync('/usr/include/gssapi/gssapi.h'), aptPackages: ['libkrb5-dev'] },
  ripgrep: { what: 'ripgrep (seeds @vscode/ripgrep, which cannot download rg offline)', present: () => onPath('rg'), aptPackages: ['ripgrep'] },
  buildTools: { what: 'a C/C++ toolchain and python3 (node-gyp builds node-pty, argon2, spdlog)', present: () => onPath('make') && onPath('g++') && onPath('python3'), aptPackages: ['build-essential', 'python3'] },
  chromium: { what: 'Chromium (playwright-core drives it for the VS Code tests)', present: () => existsSync(chromiumPath()), aptPackages: ['chromium', 'fonts-dejavu-core'] },
} satisfies Record<string, SystemNeed>;

/** Debian's Chromium, or the one named by PHOENIX_CHROMIUM. */
export function chromiumPath(): string {
  return process.env.PHOENIX_CHROMIUM ?? '/usr/bin/chromium';
}

/** Installs what is missing (`apt-get install` as root, `apt-get update` once if that fails); otherwise throws naming the packages. */
export async function ensureSystemPackages(list: readonly SystemNeed[], log: (line: string) => void = console.log): Promise<void> {
  const missing = list.filter((n) => !n.present());
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.flatMap((n) => n.aptPackages))];
  const why = missing.map((n) => `  - ${n.what}`).join('\n');
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !onPath('apt-get')) {
    throw new Error(`missing system packages:\n${why}\ninstall them with: sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}`);
  }
  log(`installing system packages: ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): Promise<void> => run('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { env });
  try {
    await install();
  } catch {
    await run('apt-get', ['update'], { env });
    await install();
  }
  const still = missing.filter((n) => !n.present());
  if (still.length) throw new Error(`still missing after apt-get install: ${still.map((n) => n.what).join('; ')}`);
}
