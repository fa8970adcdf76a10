// The audit log: every mutation's record goes to a LogOutputChannel (to read now) and appended as
// JSON lines to audit.jsonl in the extension's global storage (to keep and grep later). The file rotates at
// 10 MiB with 5 older generations (audit.jsonl.1 … .5, ~60 MiB in all: years of an operator's mutations).
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { appendRotating, type Rotation } from '../../core/rotatingFile';
import { type AuditRecord, auditLine, auditSummary } from '../../domain/safety/auditRecord';

export const AUDIT_ROTATION: Rotation = { maxBytes: 10 * 1024 * 1024, keep: 5 };

export class AuditLog implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Phoenix Ops Audit', { log: true });
  readonly file: string;
  private writes: Promise<void> = Promise.resolve();
  readonly user: string;

  constructor(storageDir: vscode.Uri) {
    this.file = join(storageDir.fsPath, 'audit.jsonl');
    this.user = currentUser();
  }

  /** Records one outcome. Writes are serialised so lines never interleave. */
  record(r: Omit<AuditRecord, 'time' | 'user'> & { time?: string }): Promise<void> {
    const full: AuditRecord = { time: r.time ?? new Date().toISOString(), user: this.user, ...r };
    const line = auditSummary(full);
    if (full.outcome === 'failed') this.channel.error(line);
    else if (full.outcome === 'blocked' || full.outcome === 'cancelled') this.channel.warn(line);
    else this.channel.info(line);
    this.writes = this.writes
      .then(() => mkdir(join(this.file, '..'), { recursive: true }))
      .then(() => appendRotating(this.file, auditLine(full), AUDIT_ROTATION))
      .catch((e: unknown) => this.channel.error(`could not write ${this.file}: ${e instanceof Error ? e.message : String(e)}`));
    return this.writes;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
