// The part of VS Code's notebook renderer API (vscode-notebook-renderer) the cockpit's renderers use.

export interface OutputItem {
  readonly id: string;
  readonly mime: string;
  text(): string;
  json(): unknown;
}

export interface RendererContext<TMessage> {
  /** Present when the renderer's contribution asks for messaging. */
  postMessage?(message: TMessage): void;
  readonly workspace: { readonly isTrusted: boolean };
  getRenderer(id: string): Promise<unknown>;
}

export interface OutputRenderer {
  renderOutputItem(item: OutputItem, element: HTMLElement, signal?: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}
