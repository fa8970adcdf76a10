// Starts one simulated API server per SimCluster over HTTPS with a fresh CA, and writes the
// kubeconfig (one context per cluster) that kubectl, client-node and the cockpit use.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KubeApiServer } from './server/apiServer';
import type { SimCluster } from './simCluster';
import { generateSandboxTls } from './tls';

export interface KubeSimulatorOptions {
  /** Directory for ca.crt, the server certificate and the kubeconfig. */
  dir: string;
  /** One server each; the first is the kubeconfig's current-context. */
  clusters: SimCluster[];
  /**
   * The context (and kubeconfig cluster and user) name of each entry of `clusters`; default each cluster's name.
   * A fleet lists one SimCluster many times under different names: a server each, one store behind them.
   */
  names?: string[];
  /** The bearer token of the kubeconfig users; random when omitted. */
  token?: string;
  /** Namespaces whose namespaced resources answer 403 Forbidden, on every cluster. */
  forbiddenNamespaces?: string[];
  /** Default namespace of every context. Default "phoenix-system". */
  namespace?: string;
  /** `/version` gitVersion (the kubectl dispatcher picks its kubectl from it). Default v1.30.5. */
  gitVersion?: string;
  /** Interval of watch bookmarks. Default 5 s. */
  bookmarkIntervalMs?: number;
}

export interface SimulatedServer {
  /** The cluster's name, also its kubeconfig context, cluster and user name. */
  name: string;
  /** https://127.0.0.1:PORT */
  url: string;
  server: KubeApiServer;
}

export interface KubeSimulator {
  kubeconfigPath: string;
  caPath: string;
  token: string;
  servers: SimulatedServer[];
  /** The server of one cluster by name (throws for an unknown name). */
  get(name: string): SimulatedServer;
  /** Closes the listener and all its connections (watches, log streams); the cluster keeps its state. */
  stopServer(name: string): Promise<void>;
  /** Listens again on the same port. */
  startServer(name: string): Promise<void>;
  /** Stops every server. The clusters are not disposed (their owner does that). */
  stop(): Promise<void>;
}

function kubeconfig(servers: SimulatedServer[], caData: string, token: string, namespace: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    'current-context': servers[0]?.name ?? '',
    clusters: servers.map((s) => ({ name: s.name, cluster: { server: s.url, 'certificate-authority-data': caData } })),
    users: servers.map((s) => ({ name: s.name, user: { token } })),
    contexts: servers.map((s) => ({ name: s.name, context: { cluster: s.name, user: s.name, namespace } })),
  });
}

export async function startKubeSimulator(opts: KubeSimulatorOptions): Promise<KubeSimulator> {
  await mkdir(opts.dir, { recursive: true });
  const tls = await generateSandboxTls(opts.dir);
  const token = opts.token ?? randomBytes(24).toString('hex');
  const servers: SimulatedServer[] = [];
  try {
    for (const [i, cluster] of opts.clusters.entries()) {
      const name = opts.names?.[i] ?? cluster.name;
      const server = new KubeApiServer({
        cluster,
        tls,
        token,
        forbiddenNamespaces: opts.forbiddenNamespaces,
        gitVersion: opts.gitVersion,
        bookmarkIntervalMs: opts.bookmarkIntervalMs,
        // One scratch root per pod and container for pods/exec, under the sandbox's own directory.
        execDir: join(opts.dir, 'exec', name),
      });
      const port = await server.listen(0);
      servers.push({ name, url: `https://127.0.0.1:${port}`, server });
    }
  } catch (e) {
    await Promise.all(servers.map((s) => s.server.dispose()));
    throw e;
  }
  const kubeconfigPath = join(opts.dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig(servers, Buffer.from(tls.caCert).toString('base64'), token, opts.namespace ?? 'phoenix-system'), { mode: 0o600 });

  const get = (name: string): SimulatedServer => {
    const s = servers.find((x) => x.name === name);
    if (!s) throw new Error(`no simulated cluster named "${name}" (have: ${servers.map((x) => x.name).join(', ')})`);
    return s;
  };
  return {
    kubeconfigPath,
    caPath: tls.caCertPath,
    token,
    servers,
    get,
    stopServer: (name) => get(name).server.close(),
    startServer: async (name) => {
      await get(name).server.listen();
    },
    stop: async () => {
      await Promise.all(servers.map((s) => s.server.dispose()));
    },
  };
}
