// A token goes to a URL only when the URL's origin is exactly one it was set for. More URLs that must get
// nothing than URLs that may get it.
import assert from 'node:assert/strict';
import { keepCredentialsOnOrigin, originOf, parseBoundToken, tokenForUrl } from '../../../../src/clients/http/origin';

describe('token origin binding', () => {
  const bound = { token: 't', origins: ['https://prom.example.com:443', 'http://127.0.0.1:9090'] };

  it('sends the token to its exact origins (default ports, host case and paths do not matter)', () => {
    for (const url of ['https://prom.example.com/api/v1/query', 'https://PROM.example.com:443/x', 'http://127.0.0.1:9090', 'http://127.0.0.1:9090/api?q=1#f']) {
      assert.equal(tokenForUrl(bound, url), 't', url);
    }
  });

  it('never to another origin, however alike it looks', () => {
    const others = [
      'https://prom.example.com.evil.net/api', // the prefix match the issue reproduced
      'https://prom.example.com@evil.net/', // user info
      'https://prom.example.com:8443/api', // another port
      'http://prom.example.com/api', // another scheme
      'https://evil.net/?https://prom.example.com',
      'https://sub.prom.example.com/api', // a subdomain
      'http://127.0.0.1:90901/',
      'http://127.0.0.1:909/',
      'http://localhost:9090/', // same machine, another name
      'ftp://prom.example.com/',
      'file:///etc/passwd',
      'not a url',
      '',
    ];
    for (const url of others) assert.equal(tokenForUrl(bound, url), undefined, url);
    assert.equal(tokenForUrl(undefined, 'https://prom.example.com/'), undefined);
    assert.equal(tokenForUrl({ token: '', origins: ['https://prom.example.com:443'] }, 'https://prom.example.com/'), undefined);
  });

  it('reads what SecretStorage holds; a bare token of an older version or a malformed record is bound nowhere', () => {
    assert.deepEqual(parseBoundToken(JSON.stringify(bound)), bound);
    assert.deepEqual(parseBoundToken('plain-old-token'), { token: 'plain-old-token', origins: [] });
    assert.deepEqual(parseBoundToken('12345'), { token: '12345', origins: [] });
    for (const odd of ['{"token":"x","origins":[1]}', '{"token":"x","origins":["https://a:443",1]}', '{"token":5,"origins":[]}', '{"token":"x","origins":"https://a:443"}', '{"origins":["https://a:443"]}']) {
      assert.deepEqual(parseBoundToken(odd), { token: odd, origins: [] }, odd);
    }
    assert.equal(parseBoundToken(undefined), undefined);
    assert.equal(tokenForUrl(parseBoundToken('plain-old-token'), 'https://prom.example.com/'), undefined);
  });

  it('origins are scheme, lower-cased host and port', () => {
    assert.equal(originOf('HTTPS://Prom.Example.COM/x'), 'https://prom.example.com:443');
    assert.equal(originOf('http://[::1]:8080/'), 'http://[::1]:8080');
    assert.equal(originOf('http://x/'), 'http://x:80');
    assert.equal(originOf('https://x/'), 'https://x:443');
    assert.equal(originOf('ws://x/'), undefined);
  });

  it('a redirect to another origin loses the Authorization header; one within the origin keeps it', () => {
    const hook = keepCredentialsOnOrigin('https://prom.example.com/api');
    const away = { protocol: 'https:', hostname: 'sub.prom.example.com', port: '', headers: { Authorization: 'Bearer t', Accept: 'x' } };
    hook(away);
    assert.deepEqual(away.headers, { Accept: 'x' });
    const downgrade = { protocol: 'http:', hostname: 'prom.example.com', port: '', headers: { authorization: 'Bearer t' } };
    hook(downgrade);
    assert.deepEqual(downgrade.headers, {});
    const otherPort = { protocol: 'https:', hostname: 'prom.example.com', port: 8443, headers: { Authorization: 'Bearer t' } };
    hook(otherPort);
    assert.deepEqual(otherPort.headers, {});
    for (const port of ['443', 443, '', undefined]) {
      const home = { protocol: 'https:', hostname: 'prom.example.com', port, headers: { Authorization: 'Bearer t' } };
      hook(home);
      assert.deepEqual(home.headers, { Authorization: 'Bearer t' }, String(port));
    }
    const v6 = keepCredentialsOnOrigin('http://[::1]:8080/x');
    const v6home = { protocol: 'http:', hostname: '::1', port: '8080', headers: { Authorization: 'Bearer t' } };
    v6(v6home);
    assert.deepEqual(v6home.headers, { Authorization: 'Bearer t' });
    // From a URL that is no origin at all, nothing is kept.
    const odd = { protocol: 'x:', hostname: '', headers: { Authorization: 'Bearer t' } };
    keepCredentialsOnOrigin('not a url')(odd);
    assert.deepEqual(odd.headers, {});
    keepCredentialsOnOrigin('https://a/')({ protocol: 'https:', hostname: 'b' });
  });

  it('a redirect that names no host or no scheme loses the Authorization header', () => {
    const hook = keepCredentialsOnOrigin('https://prom.example.com/api');
    const noHost = { protocol: 'https:', port: '', headers: { Authorization: 'Bearer t' } };
    hook(noHost);
    assert.deepEqual(noHost.headers, {});
    const noScheme = { hostname: 'prom.example.com', headers: { Authorization: 'Bearer t' } };
    hook(noScheme);
    assert.deepEqual(noScheme.headers, {});
  });
});
