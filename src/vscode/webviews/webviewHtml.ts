// The one place webview HTML is built: a strict CSP with a fresh crypto nonce (default-src 'none',
// no unsafe-eval, no inline script), resources only from dist/webviews, and the panel's ES-module bundle.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  webview: vscode.Webview;
  extensionUri: vscode.Uri;
  /** The bundle name: webviews/<script>/index.ts is built to dist/webviews/<script>.js. */
  script: string;
  title: string;
}

/** Options for createWebviewPanel / resolveWebviewView: scripts on, local resources limited to the bundles. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')], enableFindWidget: true };
}

export function webviewHtml(page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const { webview } = page;
  const src = webview.asWebviewUri(vscode.Uri.joinPath(page.extensionUri, 'dist', 'webviews', `${page.script}.js`));
  // Styles: the bundles adopt constructed stylesheets (Lit, vscode-elements) and may add <style nonce>.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="csp-nonce" content="${nonce}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<script type="module" nonce="${nonce}" src="${src.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
