// Content negotiation from the Accept header: plain JSON, Table, PartialObjectMetadata(List), and
// aggregated discovery. The first acceptable media type wins, as in the real server.

export type Representation =
  | { as: 'object' }
  | { as: 'table'; apiVersion: string }
  | { as: 'partial' }
  | { as: 'discovery'; version: 'v2' | 'v2beta1' };

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      const p: Record<string, string> = {};
      for (const kv of params) {
        const eq = kv.indexOf('=');
        if (eq > 0) p[kv.slice(0, eq).trim()] = kv.slice(eq + 1).trim();
      }
      return { type: (type ?? '').toLowerCase(), params: p };
    })
    .filter((m) => m.type);
}

const JSONISH = new Set(['application/json', '*/*', 'application/*', 'application/yaml']);

export function negotiate(accept: string | undefined, allowDiscovery = false): Representation {
  for (const m of parseAccept(accept ?? '')) {
    if (!JSONISH.has(m.type)) continue; // protobuf, cbor: fall through to the next acceptable type
    const { as, g, v } = m.params;
    if (!as) return { as: 'object' };
    if (as === 'Table' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) return { as: 'table', apiVersion: `meta.k8s.io/${v}` };
    if ((as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') && g === 'meta.k8s.io' && v === 'v1') return { as: 'partial' };
    if (allowDiscovery && as === 'APIGroupDiscoveryList' && g === 'apidiscovery.k8s.io' && (v === 'v2' || v === 'v2beta1')) return { as: 'discovery', version: v };
  }
  return { as: 'object' };
}

/** The Content-Type the real server answers with for a representation. */
export function contentTypeOf(r: Representation): string {
  switch (r.as) {
    case 'table':
      return `application/json;as=Table;v=${r.apiVersion.split('/')[1]};g=meta.k8s.io`;
    case 'partial':
      return 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';
    case 'discovery':
      return `application/json;g=apidiscovery.k8s.io;v=${r.version};as=APIGroupDiscoveryList`;
    default:
      return 'application/json';
  }
}
