// Lists in pages, as kubectl does (`limit=500` and `continue`): every list the cockpit makes goes
// through here, so a 10,000-object list is twenty short answers instead of one 17 MB one, rows can be
// shown as pages arrive, and the request timeout bounds each answer, never the whole list.
import { err, ok, type Result } from '../../core/result';
import type { KubeError } from './kubeErrors';
import type { KubeHttp, QueryValue } from './kubeHttp';

/** kubectl's default `--chunk-size`. */
export const DEFAULT_PAGE_SIZE = 500;

/** A complete list: every item, and the resourceVersion a watch continues from. */
export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

/** One page, as the API server's list metadata describes it. */
export interface ListPage<T> {
  items: T[];
  /** The snapshot every page of one list shares (the first page's). */
  resourceVersion: string;
  /** Present while more pages follow. */
  continue?: string;
  /** The server's estimate of the items after this page (absent with selectors). */
  remainingItemCount?: number;
}

/** What a consumer learns as each page arrives. */
export interface PageProgress<T> {
  /** This page's items. */
  items: T[];
  /** Items received so far in this pass, this page's included. */
  loaded: number;
  /** The server's estimate of what is still to come, when it gives one. */
  remaining?: number;
  /** An expired continue token started the list over: forget the items of earlier pages. */
  restarted: boolean;
}

export interface PagedListOptions<T> {
  signal?: AbortSignal;
  /** Items per page (`limit`); 0 asks for everything in one answer. Default 500. */
  pageSize?: number;
  /** Called with each page as it arrives, before the next one is asked for. */
  onPage?(page: PageProgress<T>): void;
  /**
   * Paged passes started over after an expired continue token before falling back to one unpaged
   * list (what client-go's pager does at once): a list slower than the server keeps its snapshots
   * still completes. Default 2.
   */
  maxRestarts?: number;
}

/** Asks for one page: `limit` (0 = all) and the `continue` token of the previous page (none for the first). */
export type FetchPage<T> = (page: { limit: number; continue?: string }, signal?: AbortSignal) => Promise<Result<ListPage<T>, KubeError>>;

/**
 * Every page of a list, in order. An expired continue token (410) starts over from the first page;
 * any other failure ends the list with that error (the caller retries, e.g. listWatch's backoff).
 */
export async function listAllPages<T>(fetchPage: FetchPage<T>, opts: PagedListOptions<T> = {}): Promise<Result<ListResult<T>, KubeError>> {
  const pageSize = Math.max(0, Math.floor(opts.pageSize ?? DEFAULT_PAGE_SIZE));
  const maxRestarts = opts.maxRestarts ?? 2;
  let restarts = 0;
  let restarted = false;
  for (;;) {
    const limit = restarts > maxRestarts ? 0 : pageSize;
    const items: T[] = [];
    let resourceVersion: string | undefined;
    let token: string | undefined;
    let expired = false;
    do {
      const r = await fetchPage({ limit, continue: token }, opts.signal);
      if (!r.ok) {
        // Only a continuation can expire; a 410 on a first page is the server's answer.
        if (r.error.kind === 'gone' && token !== undefined) {
          expired = true;
          break;
        }
        return err(r.error);
      }
      const page = r.value;
      resourceVersion ??= page.resourceVersion;
      for (const o of page.items) items.push(o);
      opts.onPage?.({ items: page.items, loaded: items.length, remaining: page.continue ? page.remainingItemCount : 0, restarted });
      restarted = false;
      if (page.continue !== undefined && page.continue === token) return err(loopingServer());
      // A server that ignores `limit` answers everything at once and no token: that is the whole list.
      token = limit > 0 && page.continue ? page.continue : undefined;
    } while (token !== undefined);
    if (!expired) return ok({ items, resourceVersion: resourceVersion ?? '' });
    restarts++;
    restarted = true;
  }
}

/** A server that hands back the token it was given would be asked for the same page forever. */
function loopingServer(): KubeError {
  return { kind: 'server', message: 'The API server returned the same continue token twice', hint: 'Retry; if it persists, the API server (or a proxy in front of it) is mishandling paged lists.' };
}

interface ListBody<T> {
  items?: T[];
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
}

/** Every page of `path` (a collection: /api/v1/namespaces, /apis/apps/v1/deployments …) over plain JSON. */
export function listPaged<T>(http: KubeHttp, path: string, query: Record<string, QueryValue>, opts: PagedListOptions<T> = {}): Promise<Result<ListResult<T>, KubeError>> {
  return listAllPages<T>(async (page, signal) => {
    const r = await http.json<ListBody<T>>({ path, query: { ...query, limit: page.limit || undefined, continue: page.continue } }, signal);
    if (!r.ok) return r;
    const m = r.value?.metadata ?? {};
    return ok({ items: r.value?.items ?? [], resourceVersion: m.resourceVersion ?? '', continue: m.continue || undefined, remainingItemCount: m.remainingItemCount });
  }, opts);
}
