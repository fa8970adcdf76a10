// A runbook file's bytes as text, or why it cannot be opened as a notebook without changing them: not UTF-8 (decoding
// with replacement characters would rewrite bytes on save), or too large to edit as cells.

/** Past this, open the file in the text editor: a notebook of ~100,000 cells is not a runbook anyone runs. */
export const MAX_RUNBOOK_BYTES = 16 * 1024 * 1024;

const TEXT_EDITOR = 'Open it in the text editor instead (Reopen Editor With… › Text Editor).';

export function decodeRunbook(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length > MAX_RUNBOOK_BYTES) {
    return { ok: false, message: `This file is ${mb(bytes.length)}: runbooks open as notebooks up to ${mb(MAX_RUNBOOK_BYTES)}. ${TEXT_EDITOR}` };
  }
  try {
    // ignoreBOM keeps a byte order mark as a character: the parser reads past it and the serializer writes it back.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { ok: false, message: `This file is not valid UTF-8${whereInvalid(bytes)}, so it cannot be opened as a runbook without changing its bytes. ${TEXT_EDITOR}` };
  }
}

/** " (the first invalid byte is at offset 1234, line 56)", when it can be told exactly. */
function whereInvalid(bytes: Uint8Array): string {
  const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  const at = lossy.indexOf('\uFFFD');
  if (at < 0) return '';
  const prefix = new TextEncoder().encode(lossy.slice(0, at));
  // Only when everything before it decoded as written (no U+FFFD of the file's own earlier on).
  if (prefix.length > bytes.length || prefix.some((b, i) => b !== bytes[i])) return '';
  const line = lossy.slice(0, at).split('\n').length;
  return ` (the first invalid byte is at offset ${prefix.length}, line ${line})`;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
