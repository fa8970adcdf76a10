// How a container behaves by its image: the sandbox's tag conventions -bad (serves errors), -crash/crashloop (crash-loops), -missing (cannot be pulled);
// a reference the kubelet cannot parse is 'invalid' (it waits with InvalidImageName).
import { createHash } from 'node:crypto';

export type ImageBehaviour = 'healthy' | 'bad' | 'crash' | 'missing' | 'invalid';

// The kubelet parses with distribution/reference's ReferenceRegexp (ParseNormalizedNamed): the same grammar, as one anchored regex.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const NAME = `(?:${HOST}(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`);

/** Whether the kubelet can parse the reference (a 64-hex image ID and names past 255 characters are refused too). */
export function parsableImageReference(image: string): boolean {
  const m = REFERENCE.exec(image);
  return !!m && (m[1]?.length ?? 0) <= 255 && !/^[a-f0-9]{64}$/.test(image);
}

/** The tag of an image reference ("reg:5000/team/app:v1.2-bad@sha256:…" → "v1.2-bad"; none → "latest"). */
export function imageTag(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : 'latest';
}

/** The registry host of an image reference, if it names one ("ghcr.io/x/y:1" → "ghcr.io"; "postgres:15" → undefined). */
export function imageRegistry(image: string): string | undefined {
  const first = image.split('/')[0] ?? '';
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : undefined;
}

/** The repository without tag or digest ("ghcr.io/phoenix/platform-api:1.8.2" → "ghcr.io/phoenix/platform-api"). */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

export function imageBehaviour(image: string): ImageBehaviour {
  if (!parsableImageReference(image)) return 'invalid';
  const tag = imageTag(image).toLowerCase();
  const registry = imageRegistry(image)?.toLowerCase() ?? '';
  if (tag.endsWith('-missing') || /nonexist|does-not-exist|\.invalid(:\d+)?$/.test(registry)) return 'missing';
  if (tag.endsWith('-crash') || tag.includes('crashloop')) return 'crash';
  if (tag.endsWith('-bad')) return 'bad';
  return 'healthy';
}

/** A stable digest per image, as `imageID` shows it ("ghcr.io/phoenix/platform-api@sha256:…"). */
export function imageID(image: string): string {
  return `${imageRepository(image)}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

/** A stable image size in bytes (the kubelet's Pulled event prints it). */
export function imageSize(image: string): number {
  return 40_000_000 + (createHash('sha256').update(image).digest().readUInt32BE(0) % 80_000_000);
}
