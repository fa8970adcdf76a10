// The .vsix a user would install: vsce packages it, and VS Code's own `--install-extension` accepts it,
// with sources, tests, sandbox and source maps kept out (.vscodeignore).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureCodeServer } from '../../../scripts/codeServer/install';
import { repoPath } from '../../../scripts/repoRoot';
import { uiEnvironment } from './uiEnvironment';

const exec = promisify(execFile);

describe('the packaged extension (.vsix)', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(uiEnvironment().tmpRoot, 'vsix-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('packages with vsce and installs with code-server --install-extension', async () => {
    const vsix = join(dir, 'phoenix-ops-cockpit.vsix');
    // Packages the dist/ that was just built (the production build is `npm run package`; same contents, minified).
    await exec(process.execPath, [repoPath('node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: repoPath() });
    const { stdout: listing } = await exec('unzip', ['-Z1', vsix]);
    const files = listing.split('\n').filter(Boolean);
    assert.ok(files.includes('extension/dist/extension.js'), files.join(', '));
    // What start-up loads on first use must be in the package too (else the first click fails for users only).
    const bundles = [...readdirSync(repoPath('dist')).filter((f) => f.endsWith('.js')), ...readdirSync(repoPath('dist', 'lib')).map((f) => `lib/${f}`)].filter((f) => f.endsWith('.js'));
    assert.ok(bundles.includes('cockpit.js') && bundles.includes('lib/clientNode.js'), bundles.join(', '));
    assert.deepEqual(bundles.filter((b) => !files.includes(`extension/dist/${b}`)), [], 'every bundle is packaged');
    assert.ok(files.includes('extension/package.json'));
    const leaked = files.filter((f) => /^extension\/(src|test|sandbox|bench|scripts|node_modules|out)\/|\.map$|\.ts$/.test(f));
    assert.deepEqual(leaked, [], 'sources, tests, sandbox and maps stay out of the package');

    const install = await ensureCodeServer(() => undefined);
    const home = join(dir, 'home');
    const extensions = join(dir, 'extensions');
    mkdirSync(home);
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local'), TMPDIR: dir, EXTENSIONS_GALLERY: '{}' };
    const { stdout } = await exec(process.execPath, [install.entry, '--extensions-dir', extensions, '--user-data-dir', join(dir, 'user-data'), '--install-extension', vsix], { env });
    assert.match(stdout, /phoenix-ops-cockpit.*(successfully installed|was successfully)/i, stdout);
    const installed = readdirSync(extensions).find((d) => d.startsWith('phoenix-ops.phoenix-ops-cockpit-'));
    assert.ok(installed, readdirSync(extensions).join(', '));
    assert.ok(existsSync(join(extensions, installed, 'dist', 'lib', 'clientNode.js')));
  });
});
