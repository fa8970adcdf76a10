// Every object of a kind in one namespace, as plain JSON, paged as kubectl pages (limit + continue). A kind the
// cluster does not serve (404 on its collection) is an answer, not an error: that cluster has none of it.
import type { ContextConfig } from './contextConfig';
import { err, ok, type Result } from '../../core/result';
import type { KubeError } from './kubeErrors';
import { KubeHttp } from './kubeHttp';

export interface KindRef {
  /** /api/v1, /apis/apps/v1 … */
  api: string;
  resource: string;
}

export type KindList = { served: true; items: Record<string, unknown>[] } | { served: false; items: [] };

interface ListBody {
  items?: Record<string, unknown>[];
  metadata?: { continue?: string };
  apiVersion?: string;
  kind?: string;
}

const PAGE = 500;

export class NamespaceObjectsClient {
  readonly http: KubeHttp;

  constructor(
    readonly context: string,
    config: ContextConfig,
    timeoutMs: number,
  ) {
    this.http = new KubeHttp(config, timeoutMs);
  }

  async list(kind: KindRef, namespace: string, signal?: AbortSignal): Promise<Result<KindList, KubeError>> {
    const items: Record<string, unknown>[] = [];
    let cont: string | undefined;
    const path = `${kind.api}/namespaces/${encodeURIComponent(namespace)}/${kind.resource}`;
    do {
      const r = await this.http.json<ListBody>({ path, query: { limit: PAGE, continue: cont } }, signal);
      if (!r.ok) return r.error.kind === 'notFound' ? ok({ served: false, items: [] }) : err(r.error);
      // Items of a list carry no kind/apiVersion: put back what the list says, so each is re-appliable alone.
      const apiVersion = r.value.apiVersion ?? kind.api.replace(/^\/apis?\//, '');
      const itemKind = r.value.kind?.replace(/List$/, '');
      for (const item of r.value.items ?? []) items.push({ apiVersion, ...(itemKind ? { kind: itemKind } : {}), ...item });
      cont = r.value.metadata?.continue || undefined;
    } while (cont);
    return ok({ served: true, items });
  }

  get(kind: KindRef, namespace: string, name: string, signal?: AbortSignal): Promise<Result<Record<string, unknown>, KubeError>> {
    return this.http.json<Record<string, unknown>>({ path: `${kind.api}/namespaces/${encodeURIComponent(namespace)}/${kind.resource}/${encodeURIComponent(name)}` }, signal);
  }
}
