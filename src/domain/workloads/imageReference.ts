// Container image references checked against their grammar (the distribution/reference grammar the kubelet and
// container runtimes parse with), saying which part is wrong. Set Image refuses what a kubelet would answer with
// InvalidImageName; the sandbox's kubelet answers an invalid one that reaches it another way (kubectl) the same way.
//
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [domain "/"] path-component ["/" path-component]*
//   domain    := host [":" port]           host := domain-component ["." domain-component]* | "[" IPv6 "]"
//   path-component := [a-z0-9]+ (separator [a-z0-9]+)*      separator := [_.] | "__" | "-"+
//   tag       := [\w][\w.-]{0,127}
//   digest    := algorithm ":" hex{32,}    algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*

export interface ImageReference {
  /** The registry host[:port], when the reference names one. */
  domain?: string;
  /** The repository path ("phoenix/platform-api"). */
  path: string;
  tag?: string;
  digest?: string;
}

export type ImageReferenceCheck = { ok: true; reference: ImageReference } | { ok: false; reason: string };

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const PORT = /^[0-9]+$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[_.]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;
const DIGEST_LENGTHS: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
const NAME_MAX = 255;

export function checkImageReference(input: string): ImageReferenceCheck {
  const bad = (reason: string): ImageReferenceCheck => ({ ok: false, reason });
  if (input === '') return bad('it is empty');
  if (/\s/.test(input)) return bad('it contains whitespace');
  if (/^[a-f0-9]{64}$/.test(input)) return bad('a 64-character hex string is an image ID, not a reference (write repository@sha256:<digest>)');

  const at = input.indexOf('@');
  const nameAndTag = at < 0 ? input : input.slice(0, at);
  let digest: string | undefined;
  if (at >= 0) {
    digest = input.slice(at + 1);
    if (digest.includes('@')) return bad('it has more than one "@" (only one digest may follow the name)');
    const m = DIGEST.exec(digest);
    if (!m) return bad(`"@${digest}" is not a digest (write @sha256: and 64 hexadecimal digits)`);
    const want = DIGEST_LENGTHS[m[1]?.toLowerCase() ?? ''];
    if (want !== undefined && m[2]?.length !== want) return bad(`a ${m[1]} digest has ${want} hexadecimal digits, this one ${m[2]?.length ?? 0}`);
  }

  // A tag is after the last ":" that follows the last "/" (a ":" before it is a registry port).
  const slash = nameAndTag.lastIndexOf('/');
  const colon = nameAndTag.lastIndexOf(':');
  const name = colon > slash ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = colon > slash ? nameAndTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) {
    return bad(tag === '' ? 'the ":" is followed by no tag' : `":${tag}" is not a tag (a letter, digit or _ first, then letters, digits, _ . -, at most 128)`);
  }
  if (name === '') return bad('the repository name is missing');
  if (name.length > NAME_MAX) return bad(`the repository name is ${name.length} characters long (at most ${NAME_MAX})`);

  // The first component is a registry when it looks like one (a dot, a port, localhost, or capitals), as Docker reads it.
  const first = name.indexOf('/');
  const head = first < 0 ? '' : name.slice(0, first);
  const hasDomain = first >= 0 && (/[.:]/.test(head) || head === 'localhost' || head !== head.toLowerCase());
  const domain = hasDomain ? head : undefined;
  const path = hasDomain ? name.slice(first + 1) : name;
  if (domain !== undefined) {
    const why = domainProblem(domain);
    if (why) return bad(why);
  }
  if (path === '') return bad('the repository path after the registry is missing');
  for (const component of path.split('/')) {
    if (component === '') return bad(`"${path}" has an empty path component ("//" or a "/" at an end)`);
    if (!PATH_COMPONENT.test(component)) {
      if (PATH_COMPONENT.test(component.toLowerCase())) return bad(`the repository name must be lowercase ("${component}")`);
      return bad(`"${component}" is not a valid repository path component (lowercase letters and digits, joined by . _ __ or -)`);
    }
  }
  return { ok: true, reference: { ...(domain !== undefined ? { domain } : {}), path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) } };
}

function domainProblem(domain: string): string | undefined {
  const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':');
  const host = portAt > 0 ? domain.slice(0, portAt) : domain;
  const port = portAt > 0 ? domain.slice(portAt + 1) : undefined;
  if (port !== undefined && !PORT.test(port)) return `"${port}" is not a registry port (digits only)`;
  if (IPV6_HOST.test(host)) return undefined;
  if (!host.split('.').every((c) => DOMAIN_COMPONENT.test(c))) return `"${host}" is not a registry host name`;
  return undefined;
}

/** "…is not an image reference: <reason>", for a message, or undefined when the reference is fine. */
export function imageReferenceProblem(image: string): string | undefined {
  const r = checkImageReference(image);
  return r.ok ? undefined : `"${image}" is not an image reference: ${r.reason}`;
}
