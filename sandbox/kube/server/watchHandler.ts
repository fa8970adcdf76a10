// Watch: headers flushed at once, events newer than resourceVersion replayed from the store's
// history (or ADDED for the current objects when it is 0/unset), then live events, one JSON
// object per line. Selector changes turn MODIFIED into ADDED/DELETED like the real cacher;
// BOOKMARKs when asked; ends after timeoutSeconds; 410 Expired as an ERROR event.
import type { KubeObject, StoreEvent, WatchEventType } from '../store/types';
import type { RequestContext } from './context';
import { contentTypeOf, type Representation } from './negotiation';
import type { ResourceRoute } from './router';
import { groupVersionString } from './resources';
import { selectionFromQuery } from './selectors/selection';
import { objectJson, partialObjectJson } from './serialize';
import { badRequest, expired } from './status';
import { includeObjectFrom, tableJson, type TableOptions } from './table/table';

/** A client that stops reading loses its watch once this much is queued (it will re-list). */
const MAX_BUFFERED = 16 * 1024 * 1024;
/** Without timeoutSeconds the real server picks 30–60 minutes. */
const DEFAULT_TIMEOUT_S = 1800;

type Out = [WatchEventType, KubeObject];

export function serveWatch(ctx: RequestContext, route: ResourceRoute, rep: Representation): void {
  const { res, query } = ctx;
  const store = ctx.cluster.store;
  const info = route.info;
  const ns = info.namespaced ? route.namespace : undefined;
  const selection = selectionFromQuery(query, info, route.legacyWatch ? route.name : undefined);
  const rvText = query.get('resourceVersion') ?? '';
  if (rvText !== '' && !/^\d+$/.test(rvText)) throw badRequest(`resourceVersion: Invalid value: "${rvText}": strconv.ParseUint: parsing "${rvText}": invalid syntax`);
  const timeoutText = query.get('timeoutSeconds');
  const requested = timeoutText ? Number.parseInt(timeoutText, 10) : 0;
  if (!Number.isFinite(requested) || requested < 0) throw badRequest(`timeoutSeconds: Invalid value: "${timeoutText}"`);
  const timeoutS = requested > 0 ? requested : DEFAULT_TIMEOUT_S; // 0 means the server's default, as upstream
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const sendInitialEvents = query.get('sendInitialEvents') === 'true';
  const tableOpts: TableOptions | undefined =
    rep.as === 'table' ? { includeObject: includeObjectFrom(query), now: ctx.now, apiVersion: rep.apiVersion } : undefined;

  const project = (e: StoreEvent): Out | undefined => {
    if (e.resource !== info.resource) return undefined;
    if (ns !== undefined && e.object.metadata.namespace !== ns) return undefined;
    if (selection.everything) return [e.type, e.object];
    const now = selection.matches(e.object);
    if (e.type !== 'MODIFIED') return now ? [e.type, e.object] : undefined;
    const before = e.previous ? selection.matches(e.previous) : now;
    if (now) return [before ? 'MODIFIED' : 'ADDED', e.object];
    return before ? ['DELETED', e.object] : undefined;
  };

  // Everything from here to subscribe() runs in one tick, so no store event can slip between.
  const initial: Out[] = [];
  let tooOld = false;
  const startRv = rvText === '' || rvText === '0' ? 0 : Number(rvText);
  if (startRv === 0 || sendInitialEvents) {
    for (const o of ctx.lists.snapshot(info.resource, ns).items) if (selection.matches(o)) initial.push(['ADDED', o]);
  } else {
    const history = store.eventsSince(startRv, info.resource, ns);
    if (history === undefined) tooOld = true;
    else for (const e of history) {
      const out = project(e);
      if (out) initial.push(out);
    }
  }

  let headersSent = false;
  const line = (type: string, obj: KubeObject): string => {
    let body: string;
    if (tableOpts) {
      tableOpts.now = new Date();
      body = tableJson(info, [obj], { resourceVersion: obj.metadata.resourceVersion ?? '' }, tableOpts, !headersSent);
      headersSent = true;
    } else if (rep.as === 'partial') {
      body = partialObjectJson(obj);
    } else {
      body = objectJson(obj);
    }
    return `{"type":"${type}","object":${body}}\n`;
  };
  const bookmarkLine = (rv: number, initialEnd: boolean): string => {
    const annotations = initialEnd ? ',"annotations":{"k8s.io/initial-events-end":"true"}' : '';
    const meta = `{"resourceVersion":"${rv}","creationTimestamp":null${annotations}}`;
    const obj = tableOpts
      ? `{"kind":"Table","apiVersion":"${tableOpts.apiVersion}","metadata":${meta},"columnDefinitions":null,"rows":null}`
      : `{"kind":"${info.kind}","apiVersion":"${groupVersionString(info)}","metadata":${meta}}`;
    return `{"type":"BOOKMARK","object":${obj}}\n`;
  };

  res.writeHead(200, {
    'Content-Type': contentTypeOf(rep),
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  if (tooOld) {
    const status = expired(`too old resource version: ${startRv} (${store.oldestResumableVersion})`).toStatus();
    res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    return;
  }

  let lastRv = startRv || store.resourceVersion;
  let finished = false;
  const write = (chunk: string) => {
    if (finished) return;
    res.write(chunk);
    if (res.writableLength > MAX_BUFFERED) finish();
  };
  const unsubscribe = store.subscribe((e) => {
    const out = project(e);
    if (!out) return;
    lastRv = e.rv;
    write(line(out[0], out[1]));
  });
  const timeout = setTimeout(() => finish(), timeoutS * 1000);
  const bookmarkTimer = bookmarks
    ? setInterval(() => {
        const rv = store.resourceVersion;
        if (rv > lastRv) {
          lastRv = rv;
          write(bookmarkLine(rv, false));
        }
      }, ctx.settings.bookmarkIntervalMs)
    : undefined;
  function finish(): void {
    if (finished) return;
    finished = true;
    unsubscribe();
    clearTimeout(timeout);
    if (bookmarkTimer) clearInterval(bookmarkTimer);
    if (!res.writableEnded) res.end();
  }
  res.on('close', finish);

  if (initial.length) write(initial.map(([t, o]) => line(t, o)).join(''));
  if (sendInitialEvents && bookmarks) {
    lastRv = store.resourceVersion;
    write(bookmarkLine(lastRv, true));
  }
}
