// The scratch directories simulated containers run in: one per pod (by uid, so a same-named replacement starts
// empty) and container, under the server's exec directory; mounted ConfigMaps/Secrets are (re)written before
// each exec, like the kubelet's volume sync; a pod's directories are removed when the pod is deleted.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ObjectStore } from '../../store/objectStore';
import type { KubeObject } from '../../store/types';
import { mountedFiles } from './execEnvironment';

export class ExecRooms {
  private readonly root: string;
  private readonly ownRoot: boolean;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    dir?: string,
  ) {
    this.ownRoot = dir === undefined;
    this.root = dir ?? mkdtempSync(join(tmpdir(), 'phoenix-exec-'));
    mkdirSync(this.root, { recursive: true });
    this.unsubscribe = store.subscribe((e) => {
      if (e.type === 'DELETED' && e.resource === 'pods') this.remove(e.object);
    });
  }

  private podDir(pod: KubeObject): string {
    // Names are DNS labels, but a stored object is not validated here: keep the path inside the root.
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
    return join(this.root, safe(pod.metadata.namespace ?? 'default'), `${safe(pod.metadata.name)}-${safe(pod.metadata.uid ?? 'nouid')}`);
  }

  /** The container's root with its mounted files written; created on first use. */
  prepare(pod: KubeObject, container: string): string {
    const dir = join(this.podDir(pod), container.replace(/[^A-Za-z0-9._-]/g, '_'));
    mkdirSync(dir, { recursive: true });
    const { files, dirs } = mountedFiles(this.store, pod, container);
    for (const d of dirs) mkdirSync(join(dir, d), { recursive: true });
    for (const f of files) {
      const at = join(dir, f.path);
      mkdirSync(dirname(at), { recursive: true });
      writeFileSync(at, f.content, { mode: 0o644 });
    }
    return dir;
  }

  private remove(pod: KubeObject): void {
    rmSync(this.podDir(pod), { recursive: true, force: true });
  }

  dispose(): void {
    this.unsubscribe();
    if (this.ownRoot) rmSync(this.root, { recursive: true, force: true });
  }
}
