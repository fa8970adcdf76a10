// Fence languages ↔ editor language ids, and which executor kind runs each fence language.

export type ExecutorKind = 'shell' | 'sql' | 'promql' | 'http' | 'cockpit';

const EXECUTORS: Record<string, ExecutorKind> = {
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
  return EXECUTORS[fenceLanguage.toLowerCase()];
}
