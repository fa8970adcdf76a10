// Generates, with openssl, the simulator's CA and a server certificate for 127.0.0.1/localhost.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SandboxTls {
  /** PEM of the CA certificate: what kubeconfigs trust (certificate-authority-data). */
  caCert: string;
  caCertPath: string;
  /** PEM of the server certificate and its EC private key, for `https.createServer`. */
  cert: string;
  key: string;
}

function openssl(args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', [...args], { cwd, timeout: 30_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`openssl ${args[0]} failed: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}

/**
 * Writes `ca.crt`, `ca.key`, `server.crt`, `server.key` into `dir` and returns their PEMs.
 * EC P-256 keys keep generation at a few milliseconds. Go's TLS (kubectl) ignores the CN and
 * needs the SAN; it also needs the CA marked as a CA with keyCertSign.
 */
export async function generateSandboxTls(dir: string, days = 30): Promise<SandboxTls> {
  await mkdir(dir, { recursive: true });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await openssl(
    [
      'req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', String(days),
      '-subj', '/CN=phoenix-sandbox-ca',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await writeFile(
    join(dir, 'server.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  await openssl(['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1'], dir);
  await openssl(
    [
      'x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
      '-days', String(days), '-extfile', 'server.ext', '-out', 'server.crt',
    ],
    dir,
  );
  const [caCert, cert, key] = await Promise.all(['ca.crt', 'server.crt', 'server.key'].map((f) => readFile(join(dir, f), 'utf8')));
  return { caCert: caCert, caCertPath: join(dir, 'ca.crt'), cert: cert, key: key };
}
