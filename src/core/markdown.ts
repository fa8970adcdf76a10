// Server text (alert annotations, labels, API payloads) put into Markdown as text: every character Markdown or
// a runbook fence could read as syntax is escaped, so it renders literally — no links, images, HTML, headings,
// code fences (backtick or tilde) or emphasis — and lines stay lines.

const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~=:&"'$]/g;

/** One line of text, escaped for Markdown. */
export function escapeMarkdown(s: string): string {
  return s.replace(/\r\n?|\n/g, ' ').replace(SPECIAL, '\\$&');
}

/** Text of several lines as Markdown that shows exactly those lines (a backslash at a line's end is a hard break). */
export function markdownText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(SPECIAL, '\\$&').replace(/^[ \t]+/, (ws) => '&nbsp;'.repeat(ws.replace(/\t/g, '  ').length)))
    .join('\\\n');
}

/** Text as an inline code span: delimited by a backtick run longer than any inside it, on one line. */
export function markdownCode(s: string): string {
  const text = s.replace(/\r\n?|\n/g, ' ');
  let longest = 0;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Text for a notification: VS Code renders `[label](https://…)` and `[label](command:…)` in notification messages
 * as links, so a server's text could put a clickable command there. The bracket and the parenthesis are kept
 * apart, so nothing in it is a link.
 */
export function noLinks(s: string): string {
  return s.replace(/\]\s*\(/g, '] (');
}
