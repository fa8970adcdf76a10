// Splits SQL text into statements at semicolons outside quotes, comments and dollar-quoted bodies.

export function splitSqlStatements(sql: string): string[] {
  const out: string[] = [];
  const re = /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|\$([A-Za-z_][A-Za-z0-9_]*)?\$[\s\S]*?\$\1\$|;/g;
  let start = 0;
  for (const m of sql.matchAll(re)) {
    if (m[0] !== ';') continue;
    out.push(sql.slice(start, m.index));
    start = m.index + 1;
  }
  out.push(sql.slice(start));
  // A statement of only comments and whitespace is no statement.
  return out.map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '');
}
