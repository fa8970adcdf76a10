// Front matter as Runme reads it (pkg/document/frontmatter.go, parser_frontmatter.go): YAML between "---" lines,
// TOML between "+++" lines, or a JSON object at the top of the file; what the cockpit uses of it is `shell`, `cwd`,
// `skipPrompts` and `runme.id`/`runme.version`. The bytes stay as written (the document keeps them for the round trip).
import { statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

export interface FrontMatter {
  format: FrontMatterFormat;
  /** The program that runs shell cells ("bash", "zsh", "/bin/ksh"): Runme's `shell`. */
  shell?: string;
  /** The directory cells run in, relative to the runbook's folder unless absolute: Runme's `cwd`. */
  cwd?: string;
  /** No prompts for placeholders: a step missing a value is not run. */
  skipPrompts: boolean;
  /** Runme's notebook identity, kept and written into transcripts. */
  runmeId?: string;
  runmeVersion?: string;
  /** Why the front matter could not be read (then nothing of it is used). */
  error?: string;
}

/** The number of leading lines that are front matter, and its format; 0 when there is none. */
export function frontMatterLines(text: readonly string[]): { end: number; format?: FrontMatterFormat } {
  const first = text[0] ?? '';
  // Runme opens YAML/TOML with three delimiter characters and closes at the next line that starts with them.
  for (const [mark, format] of [
    ['---', 'yaml'],
    ['+++', 'toml'],
  ] as const) {
    if (!first.startsWith(mark) || (mark === '---' && first.startsWith('--8<'))) continue;
    // The YAML opening line must be only dashes (a "---" heading underline is Markdown); "..." also closes YAML.
    if (!new RegExp(`^\\${mark[0]}{3}[ \\t]*$`).test(first)) return { end: 0 };
    for (let i = 1; i < text.length; i++) if (text[i].startsWith(mark) || (format === 'yaml' && /^\.\.\.[ \t]*$/.test(text[i]))) return { end: i + 1, format };
    return { end: 0 };
  }
  // JSON: a "{" that is not a template ("{{") or an include ("{%"), up to its matching "}" at the end of a line.
  if (first.startsWith('{') && !/^\{[{%]/.test(first)) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const line = text[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (c === '\\') j++;
        else if (c === '"') inString = !inString;
        else if (!inString && c === '{') depth++;
        else if (!inString && c === '}' && --depth === 0) return line.slice(j + 1).trim() === '' ? { end: i + 1, format: 'json' } : { end: 0 };
      }
    }
  }
  return { end: 0 };
}

/** What the cockpit uses of the front matter's text (with its delimiter lines). */
export function readFrontMatter(raw: string): FrontMatter | undefined {
  const lines = raw.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const { end, format } = frontMatterLines(lines);
  if (!end || !format) return undefined;
  let data: unknown;
  try {
    data = format === 'json' ? JSON.parse(lines.join('\n')) : format === 'yaml' ? parseYaml(lines.slice(1, -1).join('\n')) : parseToml(lines.slice(1, -1).join('\n'));
  } catch (e) {
    return { format, skipPrompts: false, error: `the ${format.toUpperCase()} front matter cannot be read: ${(e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/:$/, '')}` };
  }
  if (data === null || data === undefined) return { format, skipPrompts: false };
  if (typeof data !== 'object' || Array.isArray(data)) return { format, skipPrompts: false, error: `the ${format.toUpperCase()} front matter is not a mapping of keys to values` };
  const o = data as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const runme = o.runme && typeof o.runme === 'object' ? (o.runme as Record<string, unknown>) : {};
  const shell = text(o.shell);
  const cwd = text(o.cwd);
  const runmeId = text(runme.id);
  const runmeVersion = text(runme.version);
  return {
    format,
    ...(shell ? { shell } : {}),
    ...(cwd ? { cwd } : {}),
    // Runme reads skipPrompts as a YAML/JSON/TOML boolean.
    skipPrompts: o.skipPrompts === true,
    ...(runmeId ? { runmeId } : {}),
    ...(runmeVersion ? { runmeVersion } : {}),
  };
}

/** Runme's ResolveDirectory for the notebook: the runbook's folder, then the front matter's cwd in it if that is a directory. */
export function notebookCwd(runbookDir: string, frontMatter: FrontMatter | undefined): string {
  const cwd = frontMatter?.cwd;
  if (!cwd) return runbookDir;
  const dir = isAbsolute(cwd) ? cwd : join(runbookDir, cwd);
  try {
    return statSync(dir).isDirectory() ? dir : runbookDir;
  } catch {
    return runbookDir;
  }
}

/** Whether the front matter's shell is bash (the session's own shell); any other runs each shell cell as its script. */
export function isBash(shell: string): boolean {
  return basename(shell.trim().split(' ')[0] ?? '') === 'bash';
}
