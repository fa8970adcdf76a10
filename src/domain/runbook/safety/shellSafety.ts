// Judges a shell step command by command: a command counts as read-only only when it is positively known to
// be (a read-only tool, or a verb of kubectl/helm/curl/psql/redis-cli that only reads); anything else is a
// change or unknown. Commands in substitutions, pipelines, loops and `bash -c '…'` strings are judged too.
import { flagValue, hasFlag, parseArgs, type Args } from './commandArgs';
import { judgeHelm, judgeKubectl } from './kubectlSafety';
import { parseShell, type SimpleCommand, type Word } from './shellSyntax';
import { judgeSql } from './sqlSafety';
import { Findings } from './verdict';

export interface ShellJudgeOptions {
  /** Known values of variables (runbook parameters). */
  vars?: Readonly<Record<string, string>>;
  /** Command prefixes the user declared read-only ("stern", "mytool status"): they lift "unknown", never a recognised change. */
  knownReadOnly?: readonly string[];
}

/** Tools that only read (or write only local scratch files and their own output), whatever their arguments. */
const READ_ONLY_TOOLS = new Set([
  ':', 'true', 'false', 'echo', 'printf', 'cd', 'pushd', 'popd', 'dirs', 'pwd', 'export', 'unset', 'local', 'declare', 'typeset', 'readonly',
  'set', 'shift', 'read', 'mapfile', 'readarray', 'test', '[', '[[', 'for', 'exit', 'return', 'break', 'continue', 'wait', 'sleep', 'type',
  'let', 'getopts', 'shopt', 'cat', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'zgrep', 'zcat', 'rg', 'jq', 'sort', 'uniq', 'wc', 'cut', 'tr',
  'column', 'paste', 'join', 'fold', 'fmt', 'nl', 'rev', 'tac', 'base64', 'base32', 'cmp', 'diff', 'comm', 'md5sum', 'sha1sum', 'sha256sum',
  'sha512sum', 'xxd', 'od', 'hexdump', 'strings', 'date', 'ls', 'stat', 'file', 'du', 'df', 'free', 'uptime', 'ps', 'pgrep', 'hostname',
  'whoami', 'id', 'uname', 'which', 'printenv', 'basename', 'dirname', 'realpath', 'readlink', 'seq', 'yes', 'expr', 'bc', 'nproc', 'getent',
  'nslookup', 'dig', 'host', 'ping', 'mktemp', 'tee', 'less', 'more', 'numfmt', 'tput', 'clear', 'pg_isready', 'pg_dump', 'pg_dumpall',
  'mkdir', 'touch',
]);

/** Tools that run the rest of their arguments as a command: `timeout 30 kubectl …` is judged as `kubectl …`. */
const WRAPPERS: Record<string, { value: ReadonlySet<string>; bool?: ReadonlySet<string>; leading?: number }> = {
  nohup: { value: new Set() },
  time: { value: new Set(['-f', '--format', '-o', '--output']), bool: new Set(['-p', '-v', '--verbose', '-a', '--append']) },
  setsid: { value: new Set(), bool: new Set(['-f', '-w', '--fork', '--wait']) },
  nice: { value: new Set(['-n', '--adjustment']) },
  stdbuf: { value: new Set(['-i', '-o', '-e', '--input', '--output', '--error']) },
  timeout: { value: new Set(['-s', '--signal', '-k', '--kill-after']), bool: new Set(['--preserve-status', '--foreground', '-v', '--verbose']), leading: 1 },
  builtin: { value: new Set() },
  exec: { value: new Set(['-a']), bool: new Set(['-c', '-l']) },
  watch: { value: new Set(['-n', '--interval']), bool: new Set(['-d', '--differences', '-t', '--no-title', '-e', '--errexit', '-b', '--beep', '-x', '--exec', '-c', '--color']) },
  xargs: {
    value: new Set(['-n', '--max-args', '-L', '--max-lines', '-P', '--max-procs', '-s', '--max-chars', '-d', '--delimiter', '-E', '-I', '--replace', '-a', '--arg-file']),
    bool: new Set(['-0', '--null', '-r', '--no-run-if-empty', '-t', '--verbose', '-x', '--exit']),
  },
};

const SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);
/** Wrappers in a row (`time nohup timeout 5 env A=1 …`) the classifier follows; a longer chain is unknown (each one re-reads the rest). */
const MAX_WRAPS = 8;
const NEVER_KNOWN: Record<string, string> = {
  eval: 'eval runs text built at run time',
  source: 'source runs another file',
  '.': '. runs another file',
  trap: 'trap runs a command later',
  alias: 'alias changes what a command name means',
  sudo: 'sudo runs a command as another user',
  su: 'su runs a command as another user',
};

/** Judges a shell script. */
export function judgeShell(script: string, opts: ShellJudgeOptions = {}, depth = 0): Findings {
  const f = new Findings();
  // A nested script (bash -c, watch) is read without the parameters' values: the step around it may have changed them.
  const parsed = parseShell(script, depth === 0 ? { ...(opts.vars ? { vars: opts.vars } : {}) } : {});
  for (const u of parsed.unsupported) f.add('unknown', `${u} (the classifier does not follow it)`);
  for (const cmd of parsed.commands) judgeCommand(cmd, cmd.words, opts, f, depth);
  return f;
}

/** `wraps`: how many wrappers (timeout, env, command …) led to these words. */
function judgeCommand(cmd: SimpleCommand, words: readonly Word[], opts: ShellJudgeOptions, f: Findings, depth: number, wraps = 0): void {
  for (const a of cmd.assignments) if (a.name === 'KUBECONFIG') f.unknownContext('KUBECONFIG is set in the step');
  const [name, ...args] = words;
  if (!name) return; // assignments and redirections only
  if (wraps > MAX_WRAPS) return f.add('unknown', 'wrappers nested deeper than the classifier follows');
  if (name.dynamic) {
    // Stryker disable next-line StringLiteral: equivalent, shellSyntax gives every dynamic word its head.
    const head = name.head ?? '';
    return f.add('unknown', `a command name from a variable or expansion ("${head}…")`);
  }
  const tool = toolName(name.text);
  if (tool === undefined) return lift(f, opts, words, `${name.text} (a script or program by path) is not known to be read-only`);
  const one = new Findings();
  judgeTool(tool, cmd, args, opts, one, depth, wraps);
  // The user's own list may vouch for what the classifier does not know, never for a change it recognised.
  if (one.list.length && one.list.every((x) => x.kind === 'unknown') && vouched(opts, [tool, ...args])) {
    one.clearFindings();
  }
  f.merge(one);
}

function judgeTool(tool: string, cmd: SimpleCommand, args: Word[], opts: ShellJudgeOptions, f: Findings, depth: number, wraps: number): void {
  if (tool in NEVER_KNOWN) return f.add('unknown', NEVER_KNOWN[tool]);
  if (READ_ONLY_TOOLS.has(tool)) return;
  const wrapper = WRAPPERS[tool];
  if (wrapper) return judgeWrapped(tool, wrapper, cmd, args, opts, f, depth, wraps);
  switch (tool) {
    case 'kubectl':
      return judgeKubectl(args, f);
    case 'helm':
      return judgeHelm(args, f);
    case 'curl':
      return judgeCurl(args, f);
    case 'wget':
      return judgeWget(args, f);
    case 'psql':
      return judgePsql(cmd, args, f);
    case 'pg_restore':
      return judgePgRestore(args, f);
    case 'dropdb':
      return f.add('destructive', 'database drop/restore over existing data');
    case 'redis-cli':
      return judgeRedis(args, f);
    case 'rm':
      return judgeRm(args, f);
    case 'find':
      return judgeFind(args, f);
    case 'sed':
      return judgeSed(args, f);
    case 'awk':
    case 'gawk':
    case 'mawk':
      return judgeAwk(args, f);
    case 'yq':
      return hasFlag(parseArgs(args, { value: new Set() }), '-i', '--inplace') ? f.add('unknown', 'yq -i edits a file in place') : undefined;
    case 'openssl':
      return judgeOpenssl(args, f);
    case 'env':
      return judgeEnv(cmd, args, opts, f, depth, wraps);
    case 'command':
      return judgeCommandBuiltin(cmd, args, opts, f, depth, wraps);
    default:
      if (SHELLS.has(tool)) return judgeShellInvocation(tool, cmd, args, opts, f, depth);
      return f.add('unknown', `${tool} is not known to be read-only`);
  }
}

/** "/usr/bin/kubectl" → "kubectl"; a relative path ("./deploy.sh") names a file of the workspace: no known tool. */
function toolName(text: string): string | undefined {
  if (!text.includes('/')) return text;
  const m = /^\/(?:usr\/(?:local\/)?)?s?bin\/([^/]+)$/.exec(text);
  return m?.[1];
}

function lift(f: Findings, opts: ShellJudgeOptions, words: readonly Word[], reason: string): void {
  if (!vouched(opts, words.map((w) => w.text))) f.add('unknown', reason);
}

function vouched(opts: ShellJudgeOptions, words: ReadonlyArray<string | Word>): boolean {
  const texts = words.map((w) => (typeof w === 'string' ? w : w.dynamic ? undefined : w.text));
  return (
    opts.knownReadOnly?.some((entry) => {
      const want = entry.split(/\s/).filter(Boolean);
      return want.length > 0 && want.every((w, i) => texts[i] === w);
    }) ?? false
  );
}

function judgeWrapped(tool: string, spec: (typeof WRAPPERS)[string], cmd: SimpleCommand, args: Word[], opts: ShellJudgeOptions, f: Findings, depth: number, wraps: number): void {
  // Options end at the first word that is not one (getopt's "+" mode, as these tools parse).
  let i = 0;
  while (i < args.length && !args[i].dynamic && args[i].text.startsWith('-') && args[i].text !== '-') {
    const t = args[i].text;
    if (t === '--') {
      i++;
      break;
    }
    const name = t.includes('=') ? t.slice(0, t.indexOf('=')) : t;
    // The flag alone takes the next word as its value; `--flag=v` and `-nV` carry theirs.
    if (spec.value.has(t)) i += 2;
    else if (spec.value.has(name) || spec.value.has(t.slice(0, 2)) || spec.bool?.has(name)) i++;
    else return f.add('unknown', `${tool} with an option the classifier does not know (${t})`);
  }
  i += spec.leading ?? 0;
  const rest = args.slice(i);
  if (!rest.length) return; // exec with redirections only, xargs → echo …
  if (tool === 'watch') {
    // watch hands its words, joined, to sh -c.
    if (rest.some((w) => w.dynamic)) return f.add('unknown', 'watch running a command from a variable');
    if (depth >= 3) return f.add('unknown', 'watch nested deeper than the classifier follows');
    return f.merge(judgeShell(rest.map((w) => w.text).join(' '), opts, depth + 1));
  }
  judgeCommand({ ...cmd, assignments: [] }, rest, opts, f, depth, wraps + 1);
}

function judgeEnv(cmd: SimpleCommand, args: Word[], opts: ShellJudgeOptions, f: Findings, depth: number, wraps: number): void {
  let i = 0;
  for (; i < args.length; i++) {
    const w = args[i];
    if (w.dynamic) break;
    if (w.text === '-i' || w.text === '-' || w.text === '--ignore-environment' || w.text === '-0' || /^--(unset|chdir)=/.test(w.text)) continue;
    if (w.text === '-u' || w.text === '--unset' || w.text === '-C' || w.text === '--chdir') {
      i++;
      continue;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text)) {
      if (w.text.startsWith('KUBECONFIG=')) f.unknownContext('KUBECONFIG is set in the step');
      continue;
    }
    if (w.text.startsWith('-')) return f.add('unknown', `env with an option the classifier does not know (${w.text})`);
    break;
  }
  judgeCommand({ ...cmd, assignments: [] }, args.slice(i), opts, f, depth, wraps + 1); // no words left: nothing runs
}

function judgeCommandBuiltin(cmd: SimpleCommand, args: Word[], opts: ShellJudgeOptions, f: Findings, depth: number, wraps: number): void {
  let i = 0;
  while (args[i] && !args[i].dynamic && /^-[pvV]+$/.test(args[i].text)) {
    if (/[vV]/.test(args[i].text)) return; // command -v: says where a command is
    i++;
  }
  judgeCommand({ ...cmd, assignments: [] }, args.slice(i), opts, f, depth, wraps + 1); // no words left: nothing runs
}

/** `bash -c '…'` is judged as the script it holds; a shell reading a file or stdin runs what the classifier cannot see. */
function judgeShellInvocation(tool: string, _cmd: SimpleCommand, args: Word[], opts: ShellJudgeOptions, f: Findings, depth: number): void {
  let i = 0;
  let script: Word | undefined;
  let takesScript = false;
  for (; i < args.length; i++) {
    const w = args[i];
    if (takesScript) {
      script = w;
      break;
    }
    if (w.dynamic) break;
    // Long options that make the shell read no file; -l/--login, -i and --rcfile read profile files.
    if (w.text === '--norc' || w.text === '--noprofile' || w.text === '--posix') continue;
    if (!/^-[eEuxvfnbBhHmpPToOc]+$/.test(w.text)) break;
    // -c: the script is the next word that is not an option's value; -o/-O take the next word as theirs.
    takesScript ||= w.text.includes('c');
    if (/[oO]/.test(w.text)) i++;
  }
  if (!script) return f.add('unknown', `${tool} running a script file or stdin`);
  if (script.dynamic) return f.add('unknown', `${tool} -c with a script from a variable or expansion`);
  if (depth >= 3) return f.add('unknown', `${tool} -c nested deeper than the classifier follows`);
  f.merge(judgeShell(script.text, opts, depth + 1));
}

const CURL_VALUE = new Set([
  '-X', '--request', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string',
  '-T', '--upload-file', '-H', '--header', '-o', '--output', '-u', '--user', '-e', '--referer', '-A', '--user-agent', '-b', '--cookie', '-c',
  '--cookie-jar', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '-r', '--range', '-K', '--config', '--cacert',
  '--cert', '--key', '-E', '-D', '--dump-header', '-C', '--continue-at', '-Y', '-y', '-z', '-Q', '--quote', '-U', '-t', '-P', '--retry',
  '--resolve', '--url', '--oauth2-bearer', '--aws-sigv4',
]);
const CURL_BODY = ['-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-F', '--form', '--form-string', '-T', '--upload-file'];

function judgeCurl(words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: CURL_VALUE });
  if (hasFlag(args, '-K', '--config')) return f.add('unknown', 'curl reading its options from a file');
  if (hasFlag(args, '-Q', '--quote')) return f.add('unknown', 'curl sending FTP commands');
  const explicit = flagValue(args, '-X', '--request');
  const hasBody = hasFlag(args, ...CURL_BODY);
  const get = hasFlag(args, '-G', '--get');
  let method: string;
  if (explicit !== undefined && explicit !== true) {
    if (explicit.dynamic) return f.add('unknown', 'curl with a method from a variable');
    method = explicit.text.replace(/^['"]|['"]$/g, '').toUpperCase();
  } else method = hasFlag(args, '-I', '--head') ? 'HEAD' : hasBody && !get ? (hasFlag(args, '-T', '--upload-file') ? 'PUT' : 'POST') : 'GET';
  judgeMethod(method, f);
}

export function judgeMethod(method: string, f: Findings): void {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return;
  if (method === 'DELETE') return f.add('destructive', 'HTTP DELETE');
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') return f.add('mutating', `HTTP ${method}`);
  f.add('unknown', `HTTP ${method} is not known to be read-only`);
}

function judgeWget(words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: new Set(['--method', '--post-data', '--post-file', '--body-data', '--body-file', '-O', '--output-document', '-o', '--header']) });
  const method = flagValue(args, '--method');
  if (method !== undefined) return method === true || method.dynamic ? f.add('unknown', 'wget with a method from a variable') : judgeMethod(method.text.toUpperCase(), f);
  if (hasFlag(args, '--post-data', '--post-file')) f.add('mutating', 'HTTP POST');
}

const PSQL_VALUE = new Set(['-c', '--command', '-f', '--file', '-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname', '-v', '--set', '--variable', '-P', '--pset', '-o', '--output', '-L', '--log-file', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr']);

/** psql: the SQL it is given (-c, a heredoc, a here-string) judged as SQL; SQL from a file or a pipe is not seen. */
function judgePsql(cmd: SimpleCommand, words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: PSQL_VALUE });
  if (hasFlag(args, '-f', '--file')) return f.add('unknown', 'psql -f runs SQL from a file');
  const commands = [...(args.flags.get('-c') ?? []), ...(args.flags.get('--command') ?? [])];
  const sources: Array<Word | true> = [...commands];
  if (cmd.stdin) sources.push(cmd.stdin);
  else if (cmd.stdinUnknown && !commands.length) return f.add('unknown', 'psql reading SQL from a pipe or file');
  for (const s of sources) {
    if (s === true || s.dynamic) return f.add('unknown', 'psql with SQL from a variable or expansion');
    for (const x of judgeSql(s.text).list) f.add(x.kind, x.kind === 'destructive' ? x.reason : `SQL ${x.reason}`);
  }
}

function judgePgRestore(words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: new Set(['-d', '--dbname', '-h', '--host', '-p', '--port', '-U', '--username', '-f', '--file', '-n', '--schema', '-t', '--table', '-j', '--jobs']) });
  if (hasFlag(args, '-l', '--list')) return;
  if (hasFlag(args, '-c', '--clean')) return f.add('destructive', 'database drop/restore over existing data');
  if (!hasFlag(args, '-d', '--dbname')) return; // without a database it prints the SQL script
  f.add('mutating', 'pg_restore');
}

const REDIS_READ = new Set([
  'GET', 'MGET', 'EXISTS', 'TTL', 'PTTL', 'TYPE', 'KEYS', 'SCAN', 'HGET', 'HMGET', 'HGETALL', 'HKEYS', 'HVALS', 'HLEN', 'HEXISTS', 'HSCAN', 'LLEN',
  'LRANGE', 'LINDEX', 'SCARD', 'SMEMBERS', 'SISMEMBER', 'SSCAN', 'ZCARD', 'ZRANGE', 'ZSCORE', 'ZRANK', 'ZSCAN', 'ZCOUNT', 'STRLEN', 'INFO',
  'PING', 'DBSIZE', 'TIME', 'XLEN', 'XRANGE', 'XINFO', 'ECHO', 'ROLE', 'LASTSAVE', 'MEMORY', 'SLOWLOG', 'CLIENT', 'CONFIG', 'LATENCY',
]);
/** Of the read commands above, those that also have subcommands which change things. */
const REDIS_READ_SUB: Record<string, ReadonlySet<string>> = {
  CONFIG: new Set(['GET']),
  CLIENT: new Set(['LIST', 'INFO', 'GETNAME', 'ID']),
  SLOWLOG: new Set(['GET', 'LEN']),
  MEMORY: new Set(['USAGE', 'STATS', 'DOCTOR']),
  LATENCY: new Set(['LATEST', 'HISTORY', 'DOCTOR']),
};

function judgeRedis(words: Word[], f: Findings): void {
  // --pattern/--quoted-pattern/--count: --scan's, so `redis-cli --scan --pattern 'user:*'` has no command word.
  const args = parseArgs(words, { value: new Set(['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s', '-r', '-i', '-d', '--tls-cert', '--tls-key', '--cacert', '--pattern', '--quoted-pattern', '--count']), bool: new Set(['--scan', '--bigkeys', '--memkeys', '--stat', '--latency', '--raw', '--no-raw', '-c', '--tls', '-e', '--no-auth-warning']) });
  const [command, sub] = args.positional.map((w) => (w.dynamic ? undefined : w.text.toUpperCase()));
  if (!args.positional.length) {
    if (hasFlag(args, '--scan', '--bigkeys', '--memkeys', '--stat', '--latency')) return;
    return f.add('unknown', 'redis-cli reading commands from stdin');
  }
  if (args.ambiguousFrom < 1 || !command) return f.add('unknown', 'redis-cli with a command the classifier cannot tell');
  if (command === 'FLUSHALL' || command === 'FLUSHDB') return f.add('destructive', 'redis-cli FLUSHALL');
  if (command === 'DEL' || command === 'UNLINK') return f.add('destructive', `redis-cli ${command}`);
  if (REDIS_READ.has(command) && (!REDIS_READ_SUB[command] || (sub !== undefined && REDIS_READ_SUB[command].has(sub)))) return;
  f.add('mutating', `redis-cli ${command}`);
}

function judgeRm(words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: new Set() });
  const recursive = hasFlag(args, '-r', '-R', '--recursive');
  const force = hasFlag(args, '-f', '--force');
  f.add(recursive && force ? 'destructive' : 'unknown', recursive && force ? 'rm -rf' : 'rm deletes files');
}

function judgeFind(words: Word[], f: Findings): void {
  const acting = words.find((w) => !w.dynamic && /^-(delete|exec|execdir|ok|okdir|fprint|fprint0|fprintf|fls)$/.test(w.text));
  if (acting) f.add('unknown', `find ${acting.text} acts on what it finds`);
}

/** The first option not in the tables ("from a variable" for `-$OPT`): what it does, and whether it takes the next word, is not known. */
function unknownOption(args: Args, ...known: Array<ReadonlySet<string>>): string | undefined {
  if (args.flagFromVariable) return 'from a variable';
  return [...args.flags.keys()].find((k) => !known.some((set) => set.has(k)));
}

const SED_VALUE = new Set(['-e', '--expression', '-f', '--file', '-l', '--line-length']);
const SED_BOOL = new Set(['-n', '--quiet', '--silent', '-E', '-r', '--regexp-extended', '-u', '--unbuffered', '-z', '--null-data', '-s', '--separate', '--posix', '--debug', '--sandbox']);

function judgeSed(words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: SED_VALUE, bool: SED_BOOL });
  if (hasFlag(args, '-f', '--file')) return f.add('unknown', 'sed running a script file');
  if (hasFlag(args, '-i', '--in-place')) return f.add('unknown', 'sed -i edits files in place');
  // Any other option may edit in place or read a script too (BSD sed's -I, GNU's abbreviations --in= and --fi=),
  // and may take the next word, the script, as its value.
  const other = unknownOption(args, SED_VALUE, SED_BOOL);
  if (other !== undefined) return f.add('unknown', `sed with an option the classifier does not know (${other})`);
  const scripts = [...(args.flags.get('-e') ?? []), ...(args.flags.get('--expression') ?? [])];
  const programs = scripts.length ? scripts : args.positional.slice(0, 1);
  // GNU sed's e command and s///e flag run shell commands; w writes files.
  // GNU sed's `e` command and `s///e` flag run commands, `w` (command or flag) writes files: after an address,
  // a separator or a substitution's flags.
  if (programs.some((p) => p === true || p.dynamic || /(^|[;{}\s\d$/!,gpiImM])[ew](?=\s|$|;|\})/m.test(p.text))) f.add('unknown', 'sed with a script that runs commands or writes files');
}

const AWK_VALUE = new Set(['-F', '-v', '-f', '--field-separator', '--assign', '--file']);

function judgeAwk(words: Word[], f: Findings): void {
  const args = parseArgs(words, { value: AWK_VALUE });
  if (hasFlag(args, '-f', '--file')) return f.add('unknown', 'awk running a program file');
  // Any other option may load code or edit in place (gawk -i inplace, -E file, -l extension) and take the next word.
  const other = unknownOption(args, AWK_VALUE);
  if (other !== undefined) return f.add('unknown', `awk with an option the classifier does not know (${other})`);
  const program = args.positional[0];
  // system(), pipes to or from commands and output redirection are the ways an awk program acts.
  if (!program || program.dynamic || /\bsystem\s*\(|\|\s*getline|\|&/.test(program.text) || printRedirects(program.text)) f.add('unknown', 'awk with a program that runs commands or writes files');
}

/** Whether a print/printf statement writes to a file or a command (`print > "f"`, `print | "sh"`): statement by statement, one pass. */
function printRedirects(program: string): boolean {
  return program.split(/[;}\n]/).some((statement) => {
    const print = /\bprintf?\b/.exec(statement);
    return print !== null && /[>|]/.test(statement.slice(print.index + print[0].length));
  });
}

const OPENSSL_LOCAL = new Set(['x509', 'req', 'rand', 's_client', 'verify', 'dgst', 'genrsa', 'genpkey', 'pkey', 'rsa', 'ec', 'pkcs12', 'base64', 'enc', 'version', 'crl', 'asn1parse', 'speed', 'ecparam', 'pkcs7', 'list', 'help']);

function judgeOpenssl(words: Word[], f: Findings): void {
  const sub = words[0];
  if (!sub || (!sub.dynamic && OPENSSL_LOCAL.has(sub.text))) return;
  f.add('unknown', `openssl ${sub.dynamic ? '(a variable)' : sub.text} is not known to be read-only`);
}
