// What the log panel says to a screen reader: changes of state (live, reconnecting, reconnected, stopped, paused,
// resumed, containers joining or leaving, lines dropped), never the line counts that change many times a second.
// Browser code without DOM: the page puts the returned text into its role=status element.
import type { TailStatusInfo } from '../../src/shared/logTailProtocol';

/** Lines dropped are said again at most this often (they can grow with every batch while the flood lasts). */
export const DROP_REPEAT_MS = 10_000;

export class StatusAnnouncer {
  private last: TailStatusInfo | undefined;
  private droppedSaid = 0;
  private droppedAt = Number.NEGATIVE_INFINITY;

  /** The announcement a status message deserves, or undefined when nothing a listener needs to hear changed. */
  status(s: TailStatusInfo, now: number): string | undefined {
    const prev = this.last;
    this.last = s;
    const said: string[] = [];
    const streaming = `${s.streaming} of ${s.followed} container${s.followed === 1 ? '' : 's'} streaming`;
    if (!prev || prev.state !== s.state) {
      if (s.state === 'live') said.push(prev?.state === 'reconnecting' ? `Reconnected, ${streaming}` : `Live, ${streaming}`);
      else if (s.state === 'reconnecting') said.push('Reconnecting');
      else if (s.state === 'stopped') said.push(`Stopped, ${s.received.toLocaleString('en')} lines received`);
      else said.push('Starting');
    } else if (s.state !== 'stopped' && (prev.streaming !== s.streaming || prev.followed !== s.followed)) said.push(streaming);
    if (s.skipped > this.droppedSaid && (this.droppedSaid === 0 || now - this.droppedAt >= DROP_REPEAT_MS || s.state === 'stopped')) {
      said.push(`${s.skipped.toLocaleString('en')} lines went by too fast to show; Save to File keeps them all`);
      this.droppedSaid = s.skipped;
      this.droppedAt = now;
    }
    return said.length ? said.join('. ') : undefined;
  }

  /** Said when Pause or Resume is pressed. */
  paused(paused: boolean, waiting: number): string {
    return paused ? 'Paused: new lines wait until you resume' : `Resumed${waiting ? `, ${waiting.toLocaleString('en')} waiting lines shown` : ''}`;
  }
}
