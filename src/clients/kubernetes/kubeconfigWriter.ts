// Writes kubectl's current-context, only on the user's explicit request, into the file kubectl
// itself would write (clientcmd's rules), changing nothing else in it (comments and layout kept).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import type { KubeconfigSnapshot } from './kubeconfigLoader';

/**
 * kubectl config use-context writes current-context to: the only KUBECONFIG file; else the first
 * KUBECONFIG file that exists; else the last one; without KUBECONFIG, ~/.kube/config.
 */
export function kubectlDestinationFile(files: KubeconfigSnapshot['files']): string | undefined {
  const kubectlFiles = files.filter((f) => f.source !== 'setting');
  if (kubectlFiles.length <= 1) return kubectlFiles[0]?.path;
  return (kubectlFiles.find((f) => f.exists) ?? kubectlFiles[kubectlFiles.length - 1])?.path;
}

export type WriteResult = { ok: true; file: string } | { ok: false; message: string };

export function setKubectlCurrentContext(snapshot: KubeconfigSnapshot, context: string): WriteResult {
  const entry = snapshot.contexts.find((c) => c.name === context);
  if (!entry) return { ok: false, message: `Context "${context}" is not defined in any kubeconfig file.` };
  if (!entry.visibleToKubectl) {
    return {
      ok: false,
      message: `Context "${context}" comes from ${entry.file}, which kubectl does not read (it is only in phoenixOps.kubeconfigFiles). Add that file to KUBECONFIG first.`,
    };
  }
  const file = kubectlDestinationFile(snapshot.files);
  if (!file) return { ok: false, message: 'No kubeconfig file to write to.' };
  try {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const next = withCurrentContext(text, context);
    if (typeof next !== 'string') return { ok: false, message: `${file}: ${next.error}` };
    // In place, as kubectl does: keeps the file's permissions and any symlink pointing at it.
    writeFileSync(file, next, { mode: 0o600 });
    return { ok: true, file };
  } catch (e) {
    return { ok: false, message: `Could not write ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Replaces only the bytes of the top-level current-context value (or appends the key), so every
 * other byte of the file (comments, indentation, quoting) stays exactly as the user wrote it.
 */
export function withCurrentContext(text: string, context: string): string | { error: string } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { error: `not valid YAML: ${doc.errors[0]?.message ?? ''}` };
  const value = JSON.stringify(context); // a double-quoted YAML scalar is valid for any name
  const plain = /^[A-Za-z0-9][A-Za-z0-9._@/:-]*$/.test(context) ? context : value;
  if (doc.contents !== null && !isMap(doc.contents)) return { error: 'not a kubeconfig mapping' };
  const pair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'current-context') : undefined;
  const range = pair && isNode(pair.value) ? pair.value.range : undefined;
  if (range) return text.slice(0, range[0]) + plain + text.slice(range[1]);
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}current-context: ${plain}\n`;
}
