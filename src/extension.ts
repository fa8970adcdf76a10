// Composition root: read settings → build clients → stores → adapters. Kept one screen long.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Filled in by the Clusters slice.
}

export function deactivate(): void {}
