// One exec stream: runs the command as a host process in the container's scratch root with the container's
// environment, and joins it to the WebSocket: stdin from channel 0, stdout/stderr to 1/2, the exit status on 3,
// then a normal close. With a tty the command runs under util-linux `script` (a real pty without a native
// module), sized from the client's first resize message; later resizes are not applied. The process group is
// killed when the client goes away.
import { spawn, type ChildProcess } from 'node:child_process';
import type { WebSocket } from 'ws';
import { Channel, exitStatus, frame, parseResize, startFailure, type TerminalSize } from './execChannels';
import type { ExecRequest } from './execRequest';

/** How long a tty session waits for the client's terminal size before starting at 80x24. */
const FIRST_RESIZE_WAIT_MS = 300;

export interface ExecSessionOptions {
  ws: WebSocket;
  /** The negotiated subprotocol: v5 understands the close signal (255). */
  protocol: string;
  request: ExecRequest;
  cwd: string;
  env: Record<string, string>;
}

/** POSIX single quotes: the only way a word reaches `script -c`'s shell unchanged. */
function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function spawnCommand(o: ExecSessionOptions, size: TerminalSize | undefined): ChildProcess {
  const { request } = o;
  const stdio = ['pipe', request.stdout || request.tty ? 'pipe' : 'ignore', request.stderr && !request.tty ? 'pipe' : 'ignore'] as const;
  if (!request.tty) return spawn(request.command[0] ?? '', request.command.slice(1), { cwd: o.cwd, env: o.env, detached: true, stdio: [...stdio] });
  const { width, height } = size ?? { width: 80, height: 24 };
  const inner = `stty cols ${width} rows ${height} 2>/dev/null; exec ${request.command.map(quote).join(' ')}`;
  return spawn('script', ['--quiet', '--return', '--command', inner, '/dev/null'], { cwd: o.cwd, env: o.env, detached: true, stdio: [...stdio] });
}

export function runExecSession(o: ExecSessionOptions): void {
  const { ws, request } = o;
  let child: ChildProcess | undefined;
  let ended = false;
  const pendingStdin: Buffer[] = [];
  let stdinClosed = false;
  let sizeWait: NodeJS.Timeout | undefined;

  const send = (channel: number, data: Buffer | string) => {
    if (ws.readyState === ws.OPEN) ws.send(frame(channel, data), { binary: true });
  };
  const finish = (status: string) => {
    if (ended) return;
    ended = true;
    send(Channel.error, status);
    ws.close(1000);
  };
  const kill = () => {
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };

  const start = (size: TerminalSize | undefined) => {
    clearTimeout(sizeWait);
    if (child || ended || ws.readyState !== ws.OPEN) return;
    const c = spawnCommand(o, size);
    child = c;
    c.stdout?.on('data', (d: Buffer) => send(Channel.stdout, d));
    c.stderr?.on('data', (d: Buffer) => send(Channel.stderr, d));
    c.stdin?.on('error', () => undefined); // EPIPE when the command does not read its stdin
    c.on('error', (e: NodeJS.ErrnoException) => {
      finish(startFailure(request.command, e.code === 'ENOENT' ? 'executable file not found in $PATH' : e.code === 'EACCES' ? 'permission denied' : e.message));
    });
    // 'close' comes after the output streams ended, so the status is the last message.
    c.on('close', (code, signal) => finish(exitStatus(code ?? (signal ? 128 + signalNumber(signal) : 1), request.command)));
    if (request.stdin) {
      for (const b of pendingStdin) c.stdin?.write(b);
      if (stdinClosed) c.stdin?.end();
    } else c.stdin?.end();
  };

  ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
    const data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
    if (data.length === 0) return;
    const channel = data[0];
    const body = data.subarray(1);
    if (channel === Channel.stdin && request.stdin) {
      if (child) child.stdin?.write(body);
      else pendingStdin.push(Buffer.from(body));
    } else if (channel === Channel.resize) {
      if (!child && request.tty) start(parseResize(body));
    } else if (channel === Channel.close && o.protocol.startsWith('v5.') && body[0] === Channel.stdin) {
      stdinClosed = true;
      child?.stdin?.end();
    }
  });
  ws.on('close', () => {
    clearTimeout(sizeWait);
    ended = true;
    kill();
  });
  ws.on('error', () => kill());

  if (request.tty) sizeWait = setTimeout(() => start(undefined), FIRST_RESIZE_WAIT_MS);
  else start(undefined);
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 };
  return numbers[signal] ?? 0;
}
