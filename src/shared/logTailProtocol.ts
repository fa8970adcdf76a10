// Messages of the log tail panel (extension ↔ webview). Lines travel as compact tuples: at 50,000
// lines/s the payload size is the cost that matters.

/** [source id, text, timestamp (RFC 3339, may be "")] */
export type WireLine = [number, string, string];

export interface TailSourceInfo {
  id: number;
  pod: string;
  container: string;
  /** Index into the panel's colour palette: one colour per pod. */
  colour: number;
}

export interface TailStatusInfo {
  state: 'starting' | 'live' | 'reconnecting' | 'stopped';
  streaming: number;
  followed: number;
  received: number;
  /** Lines not shown because a batch was larger than the buffer (all of them are in the saved file). */
  skipped: number;
}

/** Extension → webview. */
export interface ToLogTailView {
  /** Sent after every `ready` (a reloaded webview starts over): settings, what is known so far, the last lines. */
  init: { title: string; subtitle: string; bufferLines: number; sources: TailSourceInfo[]; lines: WireLine[]; notices: NoticeInfo[]; status: TailStatusInfo };
  source: TailSourceInfo;
  lines: WireLine[];
  notice: NoticeInfo;
  status: TailStatusInfo;
}

export interface NoticeInfo {
  level: 'info' | 'warning' | 'error';
  text: string;
  time: number;
}

/** Webview → extension. */
export interface FromLogTailView {
  ready: Record<string, never>;
  stop: Record<string, never>;
  save: Record<string, never>;
}
