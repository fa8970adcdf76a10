// One Kubernetes cluster (kubeconfig context) through @kubernetes/client-node, with a timeout
// and an AbortSignal on every call, and failures returned as KubeError values.
import type { AppsV1Api, ConfigurationOptions, CoreV1Api, KubeConfig, ObservableMiddleware, RequestContext, ResponseContext, V1Namespace } from '@kubernetes/client-node';
import { TimeoutError, withTimeout } from '../../core/abort';
import { err, ok, type Result } from '../../core/result';
import { type ClientNode, clientNode, kubeConfigOf } from './clientNode';
import type { ContextConfig } from './contextConfig';
import { type KubeError, toKubeError } from './kubeErrors';
import { KubeHttp } from './kubeHttp';
import { DEFAULT_PAGE_SIZE, type ListResult, listPaged, type PageProgress } from './pagedList';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchHandlers<T> {
  onEvent(type: WatchEventType, object: T): void;
  /** The server accepted the watch (headers received). */
  onConnected?(): void;
}

/** client-node's typed APIs of one context, made on the first call. */
export interface KubeApis {
  core: CoreV1Api;
  apps: AppsV1Api;
}

interface Loaded extends KubeApis {
  lib: ClientNode;
  kc: KubeConfig;
}

export class KubeClient {
  private apis?: Promise<Loaded>;
  private plain?: KubeHttp;

  constructor(
    readonly context: string,
    private readonly config: ContextConfig,
    /** Per-request timeout. Watches use it for connecting only. */
    readonly timeoutMs: number,
    /** Items per page of every list (kubectl's --chunk-size). */
    readonly pageSize = DEFAULT_PAGE_SIZE,
  ) {}

  get server(): string | undefined {
    return this.config.cluster.server;
  }

  /** The KubeConfig and typed APIs, built once client-node has loaded (on the first call, not at start-up). */
  private loaded(): Promise<Loaded> {
    return (this.apis ??= Promise.all([clientNode(), kubeConfigOf(this.config)]).then(([lib, kc]) => ({ lib, kc, core: kc.makeApiClient(lib.CoreV1Api), apps: kc.makeApiClient(lib.AppsV1Api) })));
  }

  /** Plain-JSON requests with the same credentials (lists go through it, in pages). */
  get http(): KubeHttp {
    return (this.plain ??= new KubeHttp(this.config, this.timeoutMs));
  }

  /**
   * Runs one API call with the client's timeout and the caller's signal; every failure
   * (network, TLS, HTTP status, timeout, cancel) comes back as a KubeError.
   */
  async call<T>(fn: (options: ConfigurationOptions, apis: KubeApis) => Promise<T>, signal?: AbortSignal): Promise<Result<T, KubeError>> {
    // Loading client-node (the first call only) is not the server's time: the timeout starts after it.
    let apis: Loaded;
    try {
      apis = await this.loaded();
    } catch (e) {
      return err(toKubeError(e, this.server));
    }
    const t = withTimeout(this.timeoutMs, signal);
    try {
      return ok(await fn(signalOptions(t.signal, apis.lib.Observable), apis));
    } catch (e) {
      // node-fetch rejects with a plain AbortError; surface the signal's reason (timeout vs cancel).
      return err(toKubeError(t.signal.aborted ? t.signal.reason : e, this.server));
    } finally {
      t.dispose();
    }
  }

  /** Every page of a collection (`/api/v1/namespaces/ns/pods` …), `onPage` as each arrives. */
  list<T>(path: string, query: Record<string, string | undefined>, signal?: AbortSignal, onPage?: (p: PageProgress<T>) => void): Promise<Result<ListResult<T>, KubeError>> {
    return listPaged<T>(this.http, path, query, { signal, onPage, pageSize: this.pageSize });
  }

  listNamespaces(signal?: AbortSignal, onPage?: (p: PageProgress<V1Namespace>) => void): Promise<Result<ListResult<V1Namespace>, KubeError>> {
    return this.list<V1Namespace>('/api/v1/namespaces', {}, signal, onPage);
  }

  /**
   * Watches `path` from `resourceVersion`. Resolves when the watch ends: `undefined` when the
   * server closed it normally (timeoutSeconds), or the error that ended it. A server that does not
   * answer within the timeout counts as an error; aborting `signal` ends the watch quietly.
   */
  watch<T>(
    path: string,
    query: Record<string, string | number | boolean>,
    handlers: WatchHandlers<T>,
    signal: AbortSignal,
  ): Promise<KubeError | undefined> {
    return new Promise((resolve) => {
      let settled = false;
      let controller: AbortController | undefined;
      const finish = (e: KubeError | undefined) => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        signal.removeEventListener('abort', onAbort);
        controller?.abort();
        resolve(e);
      };
      const onAbort = () => finish(undefined);
      let connectTimer: ReturnType<typeof setTimeout> | undefined;
      signal.addEventListener('abort', onAbort, { once: true });
      this.loaded()
        .then(({ lib, kc }) => {
          if (settled) return undefined;
          // client-node's Watch cannot be aborted before the server sends headers; give up waiting
          // ourselves and abort the late connection as soon as it arrives. (Counted from here: loading
          // client-node is not the server's time.)
          connectTimer = setTimeout(() => finish(toKubeError(new TimeoutError(this.timeoutMs), this.server)), this.timeoutMs);
          return new lib.Watch(kc);
        })
        .then((w) =>
          w?.watch(
            path,
            query,
            (type: string, obj: T) => {
              clearTimeout(connectTimer);
              if (!settled) handlers.onEvent(type as WatchEventType, obj);
            },
            (e: unknown) => finish(e ? toKubeError(e, this.server) : undefined),
          ),
        )
        .then(
          (c) => {
            if (!c) return;
            controller = c;
            clearTimeout(connectTimer);
            if (settled) c.abort();
            else handlers.onConnected?.();
          },
          (e: unknown) => finish(toKubeError(e, this.server)),
        );
    });
  }
}

/**
 * Per-call options that attach our AbortSignal to the request. The object API runs on
 * client-node's observable API, so the middleware returns its (promise-backed) Observable.
 */
function signalOptions(signal: AbortSignal, Observable: ClientNode['Observable']): ConfigurationOptions {
  const middleware: ObservableMiddleware = {
    pre: (ctx: RequestContext) => {
      ctx.setSignal(signal);
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
  };
  return { middleware: [middleware], middlewareMergeStrategy: 'append' };
}
