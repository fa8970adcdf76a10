// ensureCodeServer(): installs the pinned code-server into .vscode-test/code-server/ once (offline workarounds included), then is a no-op.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../repoRoot';
import { capture, run } from './processes';
import { ensureSystemPackages, needs } from './systemPackages';

const recipeDir = repoPath('scripts', 'codeServer');
const recipe = JSON.parse(readFileSync(join(recipeDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** The pinned version; scripts/codeServer/package.json is the one place it is written. */
export const CODE_SERVER_VERSION = recipe.dependencies['code-server'];

/** Where it lives: gitignored, shared by every run on this machine. */
export const codeServerDir = repoPath('.vscode-test', 'code-server');

// code-server's postinstall runs `npm install` in lib/vscode and lib/vscode/extensions. Those nested installs are
// projects of their own, so the allowScripts of our package.json does not reach them, and npm refuses
// --allow-scripts (or its env var) in project-scoped installs. A project .npmrc in each folder is what npm honours
// there, so install.ts denies code-server's postinstall in the outer `npm ci`, writes these .npmrc files, and then
// runs the same postinstall itself. Reviewed for 4.100.3 (hasInstallScript in lib/vscode/npm-shrinkwrap.json); the
// Windows-only @vscode/windows-process-tree and @vscode/windows-registry stay unapproved on purpose (npm lists them).
const nestedAllowScripts: Record<string, readonly string[]> = {
  'lib/vscode': ['@parcel/watcher', '@vscode/deviceid', '@vscode/ripgrep', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty'],
  'lib/vscode/extensions': ['@parcel/watcher', 'esbuild'],
};

// Native pieces that must exist afterwards: an install that silently skipped a script is caught here, not in a test.
const mustExist = [
  'node_modules/argon2/lib/binding/napi-v3/argon2.node',
  'node_modules/code-server/lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
  'node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
  'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg',
  'node_modules/code-server/lib/vscode/node_modules.asar',
  'node_modules/code-server/lib/vscode/extensions/node_modules/typescript/package.json',
];

export interface CodeServerInstall {
  readonly version: string;
  readonly dir: string;
  /** The Node entry point: `node <entry> --auth none ...`. */
  readonly entry: string;
}

interface Marker {
  version: string;
  lockSha256: string;
  nodeAbi: string;
}

function expectedMarker(): Marker {
  const lock = readFileSync(join(recipeDir, 'package-lock.json'));
  return {
    version: CODE_SERVER_VERSION,
    lockSha256: createHash('sha256').update(lock).digest('hex'),
    // Native modules are built for one Node ABI: a Node upgrade means a reinstall.
    nodeAbi: process.versions.modules,
  };
}

function markerPath(dir: string): string {
  return join(dir, '.phoenix-installed.json');
}

function installed(dir: string): boolean {
  try {
    const found = JSON.parse(readFileSync(markerPath(dir), 'utf8')) as Marker;
    const want = expectedMarker();
    return found.version === want.version && found.lockSha256 === want.lockSha256 && found.nodeAbi === want.nodeAbi && existsSync(entryOf(dir));
  } catch {
    return false;
  }
}

function entryOf(dir: string): string {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** Installs code-server CODE_SERVER_VERSION unless it is already there (a marker check: milliseconds). */
export async function ensureCodeServer(log: (line: string) => void = console.log): Promise<CodeServerInstall> {
  const result: CodeServerInstall = { version: CODE_SERVER_VERSION, dir: codeServerDir, entry: entryOf(codeServerDir) };
  if (installed(codeServerDir)) return result;
  if (process.versions.node.split('.')[0] !== '20') {
    throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is ${process.version}); see ../shared/FACTS.md`);
  }
  await withInstallLock(async () => {
    if (installed(codeServerDir)) return;
    await ensureSystemPackages([needs.kerberosHeaders, needs.ripgrep, needs.buildTools], log);
    const started = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerDir} (~90 s, once)…`);
    const parent = repoPath('.vscode-test');
    const staging = mkdtempSync(join(parent, 'code-server.staging-'));
    const tmp = mkdtempSync(join(tmpdir(), 'phoenix-code-server-install-'));
    const logFile = join(parent, 'code-server-install.log');
    writeFileSync(logFile, `code-server ${CODE_SERVER_VERSION} install, ${new Date().toISOString()}\n`);
    try {
      await installInto(staging, tmp, logFile, log);
      writeFileSync(markerPath(staging), JSON.stringify(expectedMarker(), null, 2) + '\n');
      rmSync(codeServerDir, { recursive: true, force: true });
      renameSync(staging, codeServerDir);
      log(`code-server ${CODE_SERVER_VERSION} installed in ${((Date.now() - started) / 1000).toFixed(0)} s (log: ${logFile})`);
    } catch (err) {
      log(`code-server install failed; the last lines of ${logFile}:\n${tail(logFile, 40)}`);
      throw err;
    } finally {
      rmSync(staging, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  });
  if (!installed(codeServerDir)) throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir}`);
  return result;
}

async function installInto(dir: string, tmp: string, logFile: string, log: (line: string) => void): Promise<void> {
  copyFileSync(join(recipeDir, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(recipeDir, 'package-lock.json'), join(dir, 'package-lock.json'));
  await seedRipgrepCache(tmp);
  const env = await installEnv(tmp);

  log('  1/2 npm ci (code-server and argon2, built from source)…');
  await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, env, logFile });

  const pkgDir = join(dir, 'node_modules', 'code-server');
  for (const [sub, names] of Object.entries(nestedAllowScripts)) {
    writeFileSync(join(pkgDir, sub, '.npmrc'), `allow-scripts=${names.join(',')}\n`);
  }
  log('  2/2 code-server postinstall (VS Code server modules: kerberos, node-pty, spdlog, ripgrep…)…');
  await run('sh', ['./postinstall.sh'], { cwd: pkgDir, env, logFile });

  const absent = mustExist.filter((p) => !existsSync(join(dir, p)));
  if (absent.length) throw new Error(`code-server install is incomplete, missing:\n  ${absent.join('\n  ')}`);
}

/** The environment of the install: the FACTS workarounds, and a private TMPDIR holding the ripgrep download cache. */
async function installEnv(tmp: string): Promise<NodeJS.ProcessEnv> {
  const npmVersion = (await capture('npm', ['--version'])) ?? '0.0.0';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TMPDIR: tmp,
    // node-pty's postinstall runs `npx node-gyp`; the npm config here answers "no" to npx's prompt.
    npm_config_yes: 'true',
    // As root, code-server's postinstall stops unless this is set.
    npm_config_unsafe_perm: 'true',
    // postinstall.sh reads npm and Node from this (npm sets it when it runs the script; here install.ts does).
    npm_config_user_agent: `npm/${npmVersion} node/${process.version} ${process.platform} ${process.arch}`,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp downloads Node's headers unless told where they are; Debian's nodejs ships them in /usr/include/node.
  if (!env.npm_config_nodedir && process.execPath === '/usr/bin/node' && existsSync('/usr/include/node/node.h')) {
    env.npm_config_nodedir = '/usr';
  }
  return env;
}

/** @vscode/ripgrep downloads rg from GitHub unless its cache holds the tarball: build that tarball from Debian's rg. */
async function seedRipgrepCache(tmp: string): Promise<void> {
  const rg = await capture('sh', ['-c', 'command -v rg']);
  if (!rg) throw new Error('ripgrep (rg) is not on PATH');
  const stage = join(tmp, 'rg-stage');
  mkdirSync(stage);
  copyFileSync(rg, join(stage, 'rg'));
  const cache = join(tmp, 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(cache);
  await run('tar', ['-czf', join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', stage, 'rg']);
}

/** One installer at a time per checkout (npm start and a test run may both ask); a lock left by a dead process is taken over. */
async function withInstallLock(body: () => Promise<void>): Promise<void> {
  const lockDir = repoPath('.vscode-test', 'code-server.lock');
  mkdirSync(repoPath('.vscode-test'), { recursive: true });
  for (let waited = 0; ; waited += 2) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(readFileSafe(join(lockDir, 'pid')));
      if (!owner || !alive(owner)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (waited % 30 === 0) console.log(`waiting for another code-server install (pid ${owner})…`);
      if (waited > 900) throw new Error(`another code-server install (pid ${owner}) has held ${lockDir} for 15 minutes`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    await body();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines: number): string {
  return readFileSafe(file).split('\n').slice(-lines).join('\n');
}

// `node out/scripts/codeServer/install.js` installs (or checks) it from the command line.
if (require.main === module) {
  ensureCodeServer().then(
    (cs) => console.log(`code-server ${cs.version}: ${cs.entry}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
