// Runme's interactive=true: the step's process runs in an integrated terminal the user types into. The process
// is the runbook session's own (same environment, directory, safety checks, timeout, cancel and transcript); the
// terminal shows its output and sends what is typed, a line at a time, to its stdin (a pipe, not a TTY: full-screen
// programs are out of reach, prompts such as `read` work). Ctrl+C or closing the terminal stops the step.
import * as vscode from 'vscode';
import type { CellInput, CellOutput } from '../../domain/runbook/executors/executor';
import type { StepResult } from '../../domain/runbook/runbookRunner';

type Stdin = { write(text: string): void; end(): void };

export class InteractiveTerminal implements CellInput {
  private readonly writes = new vscode.EventEmitter<string>();
  private terminal: vscode.Terminal | undefined;
  private stdin: Stdin | undefined;
  private isOpen = false;
  private pending = '';
  private line = '';

  /** `interrupt` stops the step (Ctrl+C, or the terminal closed while it runs). */
  constructor(
    readonly name: string,
    private readonly interrupt: () => void,
  ) {}

  /** The process runs: the terminal opens (focused, so the user can type) and input goes to its stdin. */
  attach(stdin: Stdin): () => void {
    this.stdin = stdin;
    if (!this.terminal) {
      const pty: vscode.Pseudoterminal = {
        onDidWrite: this.writes.event,
        open: () => {
          this.isOpen = true;
          if (this.pending) this.writes.fire(this.pending);
          this.pending = '';
        },
        close: () => {
          this.isOpen = false;
          if (this.stdin) this.interrupt();
        },
        handleInput: (data) => this.type(data),
      };
      this.terminal = vscode.window.createTerminal({ name: this.name, pty, isTransient: true });
      this.terminal.show(false);
    }
    return () => {
      this.stdin = undefined;
    };
  }

  /** The cell's output, copied to the terminal once it is open (what comes before the process starts stays in the cell). */
  tee(out: CellOutput): CellOutput {
    return {
      text: (stream, text) => {
        out.text(stream, text);
        if (this.terminal) this.write(text);
      },
      data: (mime, payload, fallback) => out.data(mime, payload, fallback),
    };
  }

  /** Where the step ran and how it ended, for the cell (and the terminal); undefined when it never started. */
  ended(r: StepResult): string | undefined {
    if (!this.terminal) return undefined;
    const how = r.outcome === 'succeeded' ? 'exit code 0' : r.exitCode !== undefined ? `exit code ${r.exitCode}` : r.outcome === 'cancelled' ? 'stopped' : r.outcome === 'timedOut' ? 'stopped by its timeout' : r.outcome;
    this.write(`\n[step ended: ${how}; this terminal can be closed]\n`);
    return `Ran in the terminal "${this.name}" (interactive=true): ${how}.\n`;
  }

  private write(text: string): void {
    const crlf = text.replace(/\r?\n/g, '\r\n');
    if (this.isOpen) this.writes.fire(crlf);
    else this.pending += crlf;
  }

  /** Cooked-mode line editing (the process has a pipe, not a TTY): echo, Backspace, Enter sends the line, Ctrl+C, Ctrl+D. */
  private type(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        // An escape sequence (arrow keys …): not line editing this terminal does; skipped whole.
        const m = /^\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?/.exec(data.slice(i));
        i += (m?.[0].length ?? 1) - 1;
      } else if (c === '\r' || c === '\n') {
        this.writes.fire('\r\n');
        this.stdin?.write(`${this.line}\n`);
        this.line = '';
        if (c === '\r' && data[i + 1] === '\n') i++;
      } else if (c === '\x7f' || c === '\b') {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          this.writes.fire('\b \b');
        }
      } else if (c === '\x03') {
        this.writes.fire('^C\r\n');
        this.line = '';
        if (this.stdin) this.interrupt();
      } else if (c === '\x04') {
        if (this.line) this.stdin?.write(this.line);
        this.line = '';
        this.stdin?.end();
      } else if (c >= ' ') {
        this.line += c;
        this.writes.fire(c);
      }
    }
  }

  dispose(): void {
    this.writes.dispose();
  }
}
