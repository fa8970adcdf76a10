// startCodeServer(): one isolated code-server (own HOME/XDG/TMPDIR, own process group) that stop() removes without a trace.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CodeServerInstall, ensureCodeServer } from './install';
import { spawnGroup } from './processes';

export interface CodeServerOptions {
  /** The folder the workbench opens (its absolute path on this machine). */
  folder: string;
  /** Defaults to an empty folder in the server's temp dir. Pass a persistent one to keep installed extensions. */
  extensionsDir?: string;
  /** Defaults to a folder in the server's temp dir. Pass a persistent one to keep UI state (npm start does). */
  userDataDir?: string;
  /** Merged over the defaults (no startup editor, no recommendations, telemetry and updates off). */
  userSettings?: Record<string, unknown>;
  /**
   * The remote machine's settings (`<user-data-dir>/Machine/settings.json`, "Remote [code-server]" in the Settings
   * editor). code-server's window is a remote one: VS Code ignores a `machine` or `machine-overridable` setting's
   * user value there (e.g. phoenixOps.kubeconfigFiles, a path on the extension host's machine) and reads it here.
   */
  machineSettings?: Record<string, unknown>;
  /** Extra environment of the server and so of the extension host (e.g. KUBECONFIG). */
  env?: Record<string, string>;
  /** 0 or absent: a free port chosen by the OS. */
  port?: number;
  /** Default true. False brings up VS Code's trust prompt, for tests of the cockpit's restricted mode. */
  disableWorkspaceTrust?: boolean;
  /** Called with each line code-server prints (default: printed only when PHOENIX_DEBUG is set). */
  onLog?: (line: string) => void;
  /** Default: ensureCodeServer(). */
  install?: CodeServerInstall;
  /** How long to wait for the server to answer HTTP (default 60 s). */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The workbench on `folder`; a payload (e.g. extensionDevelopmentPath) goes into `?payload=`. */
  workbenchUrl(folder: string, payload?: ReadonlyArray<readonly [string, string]>): string;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the browser names a file on this server. */
  remoteUri(absPath: string): string;
  /** Resolves when the server process has exited (stopped, or died on its own). */
  readonly exited: Promise<void>;
  /** The last lines code-server printed (for error messages). */
  recentLog(): string;
  /** Kills the server's whole process group (extension hosts included) and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
}

const defaultUserSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'security.workspace.trust.startupPrompt': 'never',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
};

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const install = opts.install ?? (await ensureCodeServer());
  const root = mkdtempSync(join(tmpdir(), 'phoenix-code-server-'));
  const dirs = {
    home: join(root, 'home'),
    config: join(root, 'xdg-config'),
    cache: join(root, 'xdg-cache'),
    data: join(root, 'xdg-data'),
    tmp: join(root, 'tmp'),
    userData: opts.userDataDir ?? join(root, 'user-data'),
    extensions: opts.extensionsDir ?? join(root, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  // A kept user-data dir keeps the settings its user made; a fresh one gets ours.
  const settingsFile = join(dirs.userData, 'User', 'settings.json');
  if (!opts.userDataDir || !existsSync(settingsFile)) {
    writeFileSync(settingsFile, JSON.stringify({ ...defaultUserSettings, ...opts.userSettings }, null, 2));
  }
  if (opts.machineSettings) {
    mkdirSync(join(dirs.userData, 'Machine'), { recursive: true });
    writeFileSync(join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify(opts.machineSettings, null, 2));
  }

  const args = [
    install.entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${opts.port ?? 0}`,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(opts.disableWorkspaceTrust === false ? [] : ['--disable-workspace-trust']),
    opts.folder,
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_CACHE_HOME: dirs.cache,
    XDG_DATA_HOME: dirs.data,
    TMPDIR: dirs.tmp,
    // No marketplace: these machines are offline, and a test must not depend on one (set it yourself to use one).
    EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
    ...opts.env,
  };
  // The driver's own npm/VS Code context must not leak into the server's extension host.
  for (const key of Object.keys(env)) if (key.startsWith('npm_') || key.startsWith('VSCODE_')) delete env[key];

  const group = spawnGroup(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const onLog = opts.onLog ?? (process.env.PHOENIX_DEBUG ? (l: string) => console.log(`[code-server] ${l}`) : undefined);
  let announcedPort: ((port: number) => void) | undefined;
  const portPromise = new Promise<number>((resolve) => (announcedPort = resolve));
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 200) recent.shift();
      onLog?.(line);
      const m = /HTTP server listening on https?:\/\/[^\s]*:(\d+)/.exec(line);
      if (m) announcedPort?.(Number(m[1]));
    }
  };
  group.child.stdout?.on('data', onData);
  group.child.stderr?.on('data', onData);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= group.kill().then(() => rmSync(root, { recursive: true, force: true, maxRetries: 3 }));
    return stopped;
  };
  const recentLog = (): string => recent.slice(-40).join('\n');

  try {
    const timeoutMs = opts.startTimeoutMs ?? 60_000;
    const port = await raceStart(portPromise, group.exited, timeoutMs, 'announce its port');
    const url = `http://127.0.0.1:${port}`;
    await raceStart(waitForHttp(`${url}/healthz`, timeoutMs), group.exited, timeoutMs, `answer HTTP on ${url}`);
    return {
      url,
      port,
      pid: group.pid,
      userDataDir: dirs.userData,
      extensionsDir: dirs.extensions,
      workbenchUrl: (folder, payload) => {
        const query = [`folder=${encodeURIComponent(folder)}`];
        if (payload?.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
        return `${url}/?${query.join('&')}`;
      },
      remoteUri: (absPath) => `vscode-remote://127.0.0.1:${port}${absPath.startsWith('/') ? '' : '/'}${absPath}`,
      exited: group.exited,
      recentLog,
      stop,
    };
  } catch (err) {
    await stop();
    throw new Error(`code-server did not start: ${err instanceof Error ? err.message : String(err)}\n${recentLog()}`);
  }
}

async function raceStart<T>(work: Promise<T>, exited: Promise<void>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      exited.then(() => Promise.reject(new Error(`it exited before it could ${what}`))),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`it did not ${what} within ${timeoutMs / 1000} s`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
