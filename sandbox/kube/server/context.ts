// What every handler gets: the served cluster, the server's settings, and the request at hand.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCluster } from '../simCluster';
import type { ListCache } from './listing';
import type { ResourceRegistry } from './resourceRegistry';

export interface ServerSettings {
  /** The user name tokens authenticate as (appears in 403 messages). */
  user: string;
  /** Namespaces whose namespaced resources answer 403 Forbidden. */
  forbiddenNamespaces: ReadonlySet<string>;
  /** `/version` gitVersion, e.g. "v1.30.5". */
  gitVersion: string;
  /** How often watches with allowWatchBookmarks get a BOOKMARK. */
  bookmarkIntervalMs: number;
}

export interface RequestContext {
  cluster: SimCluster;
  /** The built-in and custom resources the cluster serves now. */
  resources: ResourceRegistry;
  settings: ServerSettings;
  lists: ListCache;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  now: Date;
}
