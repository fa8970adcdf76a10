// Image references against the distribution/reference grammar: more that must be refused than accepted, each refusal
// naming the part that is wrong (Set Image shows it; the sandbox's kubelet answers such an image with InvalidImageName).
import assert from 'node:assert/strict';
import { checkImageReference, imageReferenceProblem } from '../../../../src/domain/workloads/imageReference';

const HEX64 = 'a'.repeat(64);

describe('image references', () => {
  const accepted: Array<[string, Record<string, string>]> = [
    ['nginx', { path: 'nginx' }],
    ['nginx:1.25', { path: 'nginx', tag: '1.25' }],
    ['library/nginx:latest', { path: 'library/nginx', tag: 'latest' }],
    ['ghcr.io/phoenix/platform-api:1.8.2', { domain: 'ghcr.io', path: 'phoenix/platform-api', tag: '1.8.2' }],
    ['registry.example.com:5000/team/app:v1.2-bad', { domain: 'registry.example.com:5000', path: 'team/app', tag: 'v1.2-bad' }],
    ['localhost/app', { domain: 'localhost', path: 'app' }],
    ['localhost:5000/a/b/c:tag_1', { domain: 'localhost:5000', path: 'a/b/c', tag: 'tag_1' }],
    [`app@sha256:${HEX64}`, { path: 'app', digest: `sha256:${HEX64}` }],
    [`ghcr.io/x/y:1@sha256:${HEX64}`, { domain: 'ghcr.io', path: 'x/y', tag: '1', digest: `sha256:${HEX64}` }],
    ['[::1]:5000/app:1', { domain: '[::1]:5000', path: 'app', tag: '1' }],
    ['a__b/c.d/e--f:_x', { path: 'a__b/c.d/e--f', tag: '_x' }],
    ['Registry.Example/app', { domain: 'Registry.Example', path: 'app' }],
  ];
  for (const [ref, parts] of accepted) {
    it(`accepts ${ref}`, () => assert.deepEqual(checkImageReference(ref), { ok: true, reference: parts }));
  }

  const refused: Array<[string, RegExp]> = [
    ['!!!@@@:::', /more than one "@"/],
    ['', /empty/],
    ['nginx latest', /whitespace/],
    [' nginx', /whitespace/],
    ['nginx:', /":" is followed by no tag/],
    ['nginx:-dash', /":-dash" is not a tag/],
    [`nginx:${'x'.repeat(129)}`, /is not a tag/],
    ['nginx:a:b', /is not a valid repository path component|is not a tag/],
    ['NGINX', /must be lowercase \("NGINX"\)/],
    ['team/App:1', /must be lowercase \("App"\)/],
    ['team//app', /empty path component/],
    ['/app', /empty path component|repository name is missing/],
    ['app/', /empty path component/],
    [':tag', /repository name is missing/],
    ['-app', /"-app" is not a valid repository path component/],
    ['app-', /"app-" is not a valid repository path component/],
    ['a...b', /is not a valid repository path component/],
    ['a___b', /is not a valid repository path component/],
    ['ghcr.io/', /repository path after the registry is missing/],
    ['-bad.example.com/app', /is not a registry host name/],
    ['registry.example.com:port/app', /"port" is not a registry port/],
    ['app@sha256:abc', /is not a digest/],
    [`app@sha256:${'a'.repeat(63)}`, /is not a digest|has 64 hexadecimal digits/],
    [`app@sha256:${'a'.repeat(65)}`, /a sha256 digest has 64 hexadecimal digits, this one 65/],
    [`app@md5:${'g'.repeat(32)}`, /is not a digest/],
    [`app@${HEX64}`, /is not a digest/],
    [HEX64, /image ID, not a reference/],
    [`${'a'.repeat(256)}:1`, /256 characters long/],
    ['app:tag@', /"@" is not a digest/],
    ['a/b@sha256:zz', /is not a digest/],
  ];
  for (const [ref, reason] of refused) {
    it(`refuses ${JSON.stringify(ref.length > 40 ? `${ref.slice(0, 37)}…` : ref)} and says why`, () => {
      const r = checkImageReference(ref);
      assert.equal(r.ok, false, `accepted ${ref}`);
      assert.match(!r.ok ? r.reason : '', reason);
    });
  }

  it('phrases a refusal for a message, and says nothing for a good reference', () => {
    assert.equal(imageReferenceProblem('!!!@@@:::'), '"!!!@@@:::" is not an image reference: it has more than one "@" (only one digest may follow the name)');
    assert.equal(imageReferenceProblem('ghcr.io/phoenix/platform-api:1.8.2'), undefined);
  });
});
