// The Backups view's state: the backups of the destination (listed on demand, refreshed after every change the
// cockpit makes and when the folder changes), and what is running on them now (backing up, verifying, test-restoring).
import { Emitter } from '../../core/event';
import { type BackupEntry, listBackups } from './backupStore';

export type BackupActivity = { kind: 'backingUp'; context: string; namespace: string; message: string } | { kind: 'verifying' | 'testRestoring'; id: string; message: string };

export interface BackupsSnapshot {
  destination: string;
  loaded: boolean;
  entries: BackupEntry[];
  /** Reading the destination failed (permissions): shown instead of the list. */
  error?: string;
  activities: BackupActivity[];
}

export class BackupsModel {
  private readonly changed = new Emitter<BackupsSnapshot>();
  readonly onDidChange = this.changed.event;
  private state: BackupsSnapshot;
  private readonly activities = new Map<number, BackupActivity>();
  private nextActivity = 0;
  private refreshing: Promise<void> | undefined;
  private again = false;

  constructor(private destinationOf: () => string) {
    this.state = { destination: destinationOf(), loaded: false, entries: [], activities: [] };
  }

  get snapshot(): BackupsSnapshot {
    return this.state;
  }

  get destination(): string {
    return this.destinationOf();
  }

  /** Re-reads the destination; overlapping calls coalesce into one more read. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        const destination = this.destinationOf();
        const before = this.state.loaded ? listingKey(this.state) : undefined;
        try {
          const entries = await listBackups(destination);
          this.state = { ...this.state, destination, loaded: true, entries, error: undefined };
        } catch (e) {
          this.state = { ...this.state, destination, loaded: true, entries: [], error: `Cannot read ${destination}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
        }
        // A re-read that finds what was there (the view shown again, a file event of no consequence) redraws
        // nothing: a redraw drops the tree's rows for a moment, and a click on a row's action then lands on none.
        if (listingKey(this.state) !== before) this.changed.fire(this.state);
      } while (this.again);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Shows an activity in the view while `work` runs; `update` changes its message. */
  async track<T>(activity: BackupActivity, work: (update: (message: string) => void) => Promise<T>): Promise<T> {
    const id = this.nextActivity++;
    const publish = () => {
      this.state = { ...this.state, activities: [...this.activities.values()] };
      this.changed.fire(this.state);
    };
    this.activities.set(id, activity);
    publish();
    try {
      return await work((message) => {
        const a = this.activities.get(id);
        if (a && a.message !== message) {
          this.activities.set(id, { ...a, message });
          publish();
        }
      });
    } finally {
      this.activities.delete(id);
      publish();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What the view shows of a listing: each folder, its kind, and what can change in it (verifications, time, problem). */
function listingKey(s: BackupsSnapshot): string {
  const entry = (e: BackupEntry) =>
    e.kind === 'complete' ? `c ${e.id} ${e.dir} ${e.manifest.integrity} ${JSON.stringify(e.manifest.verifications)}` : `${e.kind} ${e.id} ${e.dir} ${e.modified.getTime()} ${e.kind === 'damaged' ? e.problem : ''}`;
  return JSON.stringify([s.destination, s.error ?? '', s.entries.map(entry)]);
}
