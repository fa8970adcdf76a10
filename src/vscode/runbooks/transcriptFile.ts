// The audit transcript of runbook runs: one JSON line per step in runbook-transcripts/<date>.jsonl (global storage).
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TranscriptEntry } from '../../domain/runbook/runTranscript';

export class TranscriptFile {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly dir: string,
    private readonly onError: (message: string) => void,
  ) {}

  fileFor(date: Date): string {
    return join(this.dir, `${date.toISOString().slice(0, 10)}.jsonl`);
  }

  append(entry: TranscriptEntry): Promise<void> {
    const file = this.fileFor(new Date(entry.start));
    this.writes = this.writes
      .then(() => mkdir(this.dir, { recursive: true }))
      .then(() => appendFile(file, `${JSON.stringify(entry)}\n`, { mode: 0o600 }))
      .catch((e: unknown) => this.onError(`could not write the runbook transcript ${file}: ${e instanceof Error ? e.message : String(e)}`));
    return this.writes;
  }
}
