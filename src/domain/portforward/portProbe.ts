// Whether a local port can be listened on right now (127.0.0.1, as the forwards listen): listen, then close.
import { createServer } from 'node:net';

export function isLocalPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
