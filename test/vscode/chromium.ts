// Debian's Chromium driven by playwright-core: fresh profile and HOME per launch, closed (and removed) as one.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumPath, ensureSystemPackages, needs } from '../../scripts/codeServer/systemPackages';

export interface Browser {
  readonly context: BrowserContext;
  /** The first tab. */
  readonly page: Page;
  close(): Promise<void>;
}

// From FACTS: no sandbox as root, no GPU, and nothing that phones home.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(opts: { headless?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  await ensureSystemPackages([needs.chromium]);
  const root = mkdtempSync(join(tmpdir(), 'phoenix-chromium-'));
  const home = join(root, 'home');
  for (const d of ['home', 'xdg-config', 'xdg-cache', 'xdg-data', 'profile']) mkdirSync(join(root, d));
  const context = await chromium.launchPersistentContext(join(root, 'profile'), {
    executablePath: chromiumPath(),
    headless: opts.headless ?? !process.env.PHOENIX_HEADED,
    args: chromiumArgs,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    // Chromium writes to ~/.config and ~/.cache otherwise.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(root, 'xdg-config'),
      XDG_CACHE_HOME: join(root, 'xdg-cache'),
      XDG_DATA_HOME: join(root, 'xdg-data'),
      TMPDIR: root,
    },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed: Promise<void> | undefined;
  return {
    context,
    page,
    close: () => {
      // playwright kills Chromium's whole process group on close.
      closed ??= context
        .close()
        .catch(() => undefined)
        .then(() => rmSync(root, { recursive: true, force: true, maxRetries: 3 }));
      return closed;
    },
  };
}
