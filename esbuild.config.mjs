// Builds everything the project runs.
//   dist/extension.js     the extension (Node, CommonJS, `vscode` external; minified + metafile with --production)
//   dist/webviews/*.js    browser bundles: one per folder in webviews/ that has an index.ts (panels, notebook renderer)
//   out/**.js             sandbox, tests, benchmarks and scripts transpiled file by file for plain Node (never shipped)
// Type checking is `tsc --noEmit` (npm run typecheck); esbuild only strips types, which keeps builds at a second.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const clean = process.argv.includes('--clean');
const root = import.meta.dirname;

/** Every .ts file under `dir` (recursively), skipping declaration files. */
function tsFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && statSync(join(root, f)).isFile());
}

const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode', 'pg-native'],
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: production,
  logLevel: 'warning',
};

// Each webviews/<name>/index.ts becomes dist/webviews/<name>.js. ES modules, so the
// notebook renderer (which VS Code imports as a module) and panels share one setup.
const webviewEntries = existsSync(join(root, 'webviews'))
  ? readdirSync(join(root, 'webviews')).filter((d) => existsSync(join(root, 'webviews', d, 'index.ts')))
  : [];
const webviews = {
  entryPoints: Object.fromEntries(webviewEntries.map((d) => [d, `webviews/${d}/index.ts`])),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  outdir: 'dist/webviews',
  sourcemap: production ? false : 'linked',
  minify: production,
  metafile: production,
  loader: { '.css': 'text' },
  logLevel: 'warning',
};

// Sandbox, tests, benchmarks, scripts, src and webviews (both for unit tests of their DOM-free parts)
// transpiled one file each, no bundling, so stack traces point at real files and mocha can load suites individually.
const nodeFiles = {
  entryPoints: ['src', 'webviews', 'sandbox', 'test', 'bench', 'scripts'].flatMap(tsFiles),
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'out',
  outbase: '.',
  sourcemap: 'inline',
  logLevel: 'warning',
};

// --clean drops files of deleted sources (so a removed test cannot keep running from out/).
if (clean) rmSync(join(root, 'out'), { recursive: true, force: true });
mkdirSync(join(root, 'dist'), { recursive: true });

const configs = [extension, nodeFiles, ...(webviewEntries.length ? [webviews] : [])];
if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log('esbuild: watching');
} else {
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  if (production) {
    const meta = results.filter((r) => r.metafile).map((r) => r.metafile);
    writeFileSync(join(root, 'dist', 'meta.json'), JSON.stringify(meta));
    for (const r of results) {
      for (const [file, info] of Object.entries(r.metafile?.outputs ?? {})) {
        if (!file.endsWith('.map')) console.log(`${relative(root, file).padEnd(40)} ${(info.bytes / 1024).toFixed(0)} KiB`);
      }
    }
  }
}
