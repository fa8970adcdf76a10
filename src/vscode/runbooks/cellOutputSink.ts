// Streams a step's output into its notebook cell: text as stdout/stderr stream items (the first chunk at once,
// then batched every 50 ms so chatty commands do not flood the renderer), rich results as their own outputs.
import * as vscode from 'vscode';
import type { CellOutput } from '../../domain/runbook/executors/executor';

const BATCH_MS = 50;

export class CellOutputSink implements CellOutput {
  private current: { stream: 'stdout' | 'stderr'; output: vscode.NotebookCellOutput } | undefined;
  private pending: { stream: 'stdout' | 'stderr'; text: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(private readonly execution: vscode.NotebookCellExecution) {}

  text(stream: 'stdout' | 'stderr', text: string): void {
    if (this.pending && this.pending.stream !== stream) this.flush();
    this.pending = this.pending ? { stream, text: this.pending.text + text } : { stream, text };
    if (Date.now() - this.lastFlush >= BATCH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  data(mime: string, payload: unknown, fallback: string): void {
    this.flush();
    this.current = undefined;
    this.enqueue(() => this.execution.appendOutput(new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.json(payload, mime), vscode.NotebookCellOutputItem.text(fallback, 'text/plain')])));
  }

  /** Writes what is pending and waits until every output has reached the notebook. */
  async close(): Promise<void> {
    this.flush();
    await this.writes;
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const p = this.pending;
    this.pending = undefined;
    if (!p) return;
    this.lastFlush = Date.now();
    const item = p.stream === 'stdout' ? vscode.NotebookCellOutputItem.stdout(p.text) : vscode.NotebookCellOutputItem.stderr(p.text);
    if (this.current?.stream === p.stream) {
      const output = this.current.output;
      this.enqueue(() => this.execution.appendOutputItems(item, output));
    } else {
      const output = new vscode.NotebookCellOutput([item]);
      this.current = { stream: p.stream, output };
      this.enqueue(() => this.execution.appendOutput(output));
    }
  }

  private enqueue(write: () => Thenable<void>): void {
    // Appends are ordered: each waits for the one before (an append to an output must follow its creation).
    this.writes = this.writes.then(write).then(
      () => undefined,
      () => undefined,
    );
  }
}
