// Where a credential may go: a bearer token is bound to the origins (scheme, host, port) it was stored for and
// sent to a URL only when that URL's origin is exactly one of them — never by prefix ("https://prom.example.com"
// is not "https://prom.example.com.evil.net"), and never across a redirect to another origin.

/** "https://Prom.Example.com/api" → "https://prom.example.com:443"; undefined for anything not http(s). */
export function originOf(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}

/** A token and the origins it may be sent to. */
export interface BoundToken {
  token: string;
  origins: readonly string[];
}

/** The token, when `url` is at one of its origins; otherwise nothing is sent. */
export function tokenForUrl(bound: BoundToken | undefined, url: string): string | undefined {
  if (!bound?.token) return undefined;
  const origin = originOf(url);
  // Stryker disable next-line ConditionalExpression: equivalent — includes(undefined) is false for a list of strings.
  return origin !== undefined && bound.origins.includes(origin) ? bound.token : undefined;
}

/** What follow-redirects hands a `beforeRedirect` hook: the next request's URL parts and headers. */
export interface RedirectOptions {
  protocol?: string;
  hostname?: string;
  port?: string | number;
  headers?: Record<string, unknown>;
}

/**
 * An axios/follow-redirects `beforeRedirect` hook: when a redirect leaves the origin of the first request,
 * the Authorization header is dropped (follow-redirects keeps it for subdomains and for http → https).
 */
export function keepCredentialsOnOrigin(firstUrl: string): (options: RedirectOptions) => void {
  const first = originOf(firstUrl);
  return (options) => {
    // Stryker disable next-line StringLiteral: equivalent, with no hostname there is no origin: "https:///" does not parse, nor does a host with spaces.
    const host = options.hostname ?? '';
    // Stryker disable next-line StringLiteral: equivalent, with no protocol there is no origin: "//host/" does not parse alone, nor does any stand-in without a scheme.
    const scheme = options.protocol ?? '';
    // An empty port ("host:/") is the scheme's default port, like no port at all.
    const port = options.port === undefined ? '' : `:${options.port}`;
    const next = originOf(`${scheme}//${host.includes(':') ? `[${host}]` : host}${port}/`);
    if (next !== undefined && next === first) return;
    for (const k of Object.keys(options.headers ?? {})) if (k.toLowerCase() === 'authorization') delete options.headers?.[k];
  };
}

/** Decodes what SecretStorage holds for a token; a value from before tokens were bound (a bare string) binds nowhere. */
export function parseBoundToken(stored: string | undefined): BoundToken | undefined {
  if (!stored) return undefined;
  try {
    const v = JSON.parse(stored) as Partial<BoundToken>;
    if (typeof v.token === 'string' && Array.isArray(v.origins) && v.origins.every((o) => typeof o === 'string')) return { token: v.token, origins: v.origins };
  } catch {
    // a bare token of an older version
  }
  return { token: stored, origins: [] };
}
