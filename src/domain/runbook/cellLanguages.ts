// Fence languages ↔ editor language ids, and which executor kind runs each fence language.

export type ExecutorKind = 'shell' | 'sql' | 'promql' | 'http' | 'cockpit' | 'interpreter';

const EXECUTORS: Record<string, ExecutorKind> = {
  // Runme runs a block without a language as shell.
  '': 'shell',
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  zsh: 'shell',
  console: 'shell',
  shellscript: 'shell',
  sql: 'sql',
  postgresql: 'sql',
  postgres: 'sql',
  psql: 'sql',
  pgsql: 'sql',
  promql: 'promql',
  http: 'http',
  rest: 'http',
  // Steps the cockpit performs itself (executors/cockpitExecutor.ts).
  phoenix: 'cockpit',
};

/** Fence languages whose editor language id differs from their name. */
const LANGUAGE_IDS: Record<string, string> = {
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  zsh: 'shellscript',
  console: 'shellscript',
  // The cockpit's own "PostgreSQL" language (VS Code's SQL grammar): the built-in 'sql' is labelled MS SQL.
  sql: 'postgres',
  postgresql: 'postgres',
  psql: 'postgres',
  pgsql: 'postgres',
  yml: 'yaml',
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  md: 'markdown',
  '': 'plaintext',
};

/** What the editor calls a fence language (`sh` → `shellscript`); unknown ones pass through. */
export function languageIdOf(fenceLanguage: string): string {
  const lower = fenceLanguage.toLowerCase();
  return LANGUAGE_IDS[lower] ?? lower;
}

/** The fence language to write for an editor language id the user picked. */
export function fenceLanguageOf(languageId: string): string {
  if (languageId === 'shellscript') return 'sh';
  if (languageId === 'plaintext') return '';
  if (languageId === 'postgres') return 'sql';
  return languageId;
}

/** Whether a cell's language id still stands for the fence language it was read with. */
export function sameLanguage(fenceLanguage: string, languageId: string): boolean {
  // Languages the editor does not know come back as plaintext: that is no change by the user.
  return languageIdOf(fenceLanguage) === languageId || languageId === 'plaintext';
}

export function executorKindOf(fenceLanguage: string): ExecutorKind | undefined {
  const lower = fenceLanguage.toLowerCase();
  return EXECUTORS[lower] ?? (INTERPRETERS[lower] ? 'interpreter' : undefined);
}

/**
 * The programs Runme tries, in order, for a language it runs through an interpreter (internal/command/command.go
 * interpreterByLanguageID), and the file extension it gives the script.
 */
const INTERPRETERS: Record<string, { programs: string[]; ext: string }> = {
  js: { programs: ['node'], ext: 'js' },
  javascript: { programs: ['node'], ext: 'js' },
  jsx: { programs: ['node'], ext: 'jsx' },
  ts: { programs: ['ts-node', 'deno run', 'bun run'], ext: 'ts' },
  typescript: { programs: ['ts-node', 'deno run', 'bun run'], ext: 'ts' },
  ksh: { programs: ['ksh'], ext: 'sh' },
  fish: { programs: ['fish'], ext: 'fish' },
  lua: { programs: ['lua'], ext: 'lua' },
  perl: { programs: ['perl'], ext: 'pl' },
  php: { programs: ['php'], ext: 'php' },
  python: { programs: ['python3', 'python'], ext: 'py' },
  py: { programs: ['python3', 'python'], ext: 'py' },
  ruby: { programs: ['ruby'], ext: 'rb' },
  rb: { programs: ['ruby'], ext: 'rb' },
  rust: { programs: ['rust-script'], ext: 'rs' },
  rs: { programs: ['rust-script'], ext: 'rs' },
};

/** The interpreters a fence language runs with, in the order Runme tries them ("deno run": program and arguments). */
export function interpretersOf(fenceLanguage: string): { programs: string[]; ext: string } | undefined {
  return INTERPRETERS[fenceLanguage.toLowerCase()];
}

/** Runme's shell languages: lines starting with "$" are prompts in them (ksh and fish run through their interpreters). */
export function isShellLanguage(fenceLanguage: string): boolean {
  return ['sh', 'bash', 'zsh', 'ksh', 'shell', 'shellscript', ''].includes(fenceLanguage.toLowerCase());
}
