// What the simulated containers print: request logs, app messages, warnings and errors per Phoenix service, and a crash's last words.
import type { LineRandom } from './prng';
import type { StampFormatter } from './logTimeline';

export type LogStyle = 'http' | 'worker' | 'postgres' | 'nginx';

interface Endpoint {
  method: string;
  path: string;
  weight: number;
  medianMs: number;
}

export interface LogProfile {
  service: string;
  style: LogStyle;
  endpoints: readonly Endpoint[];
  messages: readonly string[];
  warnings: readonly string[];
  errors: readonly string[];
}

const ep = (method: string, path: string, weight: number, medianMs: number): Endpoint => ({ method, path, weight, medianMs });
const HEALTH = [ep('GET', '/health', 6, 1), ep('GET', '/metrics', 3, 4)];

const PROFILES: Record<string, Omit<LogProfile, 'service'>> = {
  'platform-api': {
    style: 'http',
    endpoints: [
      ep('GET', '/api/v1/experiments', 30, 12),
      ep('GET', '/api/v1/experiments/{exp}', 15, 8),
      ep('POST', '/api/v1/experiments', 3, 45),
      ep('GET', '/api/v1/experiments/{exp}/analysis', 5, 60),
      ep('GET', '/api/v1/agent/tasks', 20, 6),
      ep('POST', '/api/v1/agent/tasks/{task}/status', 8, 15),
      ep('GET', '/api/v1/pipeline-deployments', 6, 14),
      ep('GET', '/api/v1/cost-flow', 4, 35),
      ...HEALTH,
    ],
    messages: [
      'experiment {exp} phase=running baseline=process-baseline-v1 candidate=process-intelligent-v1',
      'agent {agent} claimed task {task} type=deployment',
      'pipeline deployment pd-{n} status=ready namespace=default',
      'experiment cache refreshed entries={n}',
    ],
    warnings: ['slow query on experiments table took {slow}ms', 'agent {agent} heartbeat late by {small}s', 'client {ip} nearing rate limit (90% of 100 req/s)'],
    errors: ['failed to update task {task}: pq: could not serialize access due to concurrent update', 'analytics request for {exp} failed: context deadline exceeded'],
  },
  controller: {
    style: 'worker',
    endpoints: HEALTH,
    messages: [
      'reconciling experiment {exp}',
      'experiment {exp} phase transition pending -> running',
      'deployed pipeline process-intelligent-v1 to {small} agents',
      'renewed leader lease phoenix-controller',
    ],
    warnings: ['experiment {exp} analysis window not yet complete, requeue in 30s', 'agent {agent} did not acknowledge task {task}'],
    errors: ['reconcile experiment {exp} failed: pipeline template process-intelligent-v1 not found'],
  },
  generator: {
    style: 'worker',
    endpoints: [ep('POST', '/api/v1/generate', 10, 25), ...HEALTH],
    messages: ['generated batch of {n} metrics for pipeline process-baseline-v1', 'load profile steady: {n} series/s'],
    warnings: ['generation lagging by {small}s behind schedule'],
    errors: ['push to otel collector failed: rpc error: code = Unavailable'],
  },
  analytics: {
    style: 'worker',
    endpoints: [ep('GET', '/api/v1/experiments/{exp}/analysis', 10, 120), ...HEALTH],
    messages: ['computed cardinality reduction {pct}% for {exp}', 'cost savings estimate ${n}/month for {exp}', 'prometheus query took {slow}ms'],
    warnings: ['prometheus query exceeded 2s for {exp}'],
    errors: ['analysis of {exp} failed: bad_data: invalid parameter "query"'],
  },
  dashboard: { style: 'nginx', endpoints: [ep('GET', '/', 10, 2), ep('GET', '/static/js/main.js', 8, 3), ep('GET', '/api/v1/experiments', 12, 15)], messages: [], warnings: [], errors: [] },
  frontend: { style: 'nginx', endpoints: [ep('GET', '/', 10, 2), ep('GET', '/static/js/app.js', 8, 3), ep('GET', '/api/tasks', 12, 20)], messages: [], warnings: [], errors: [] },
  backend: {
    style: 'http',
    endpoints: [ep('GET', '/api/tasks', 30, 18), ep('POST', '/api/tasks', 8, 35), ep('PUT', '/api/tasks/{task}', 6, 30), ep('DELETE', '/api/tasks/{task}', 2, 20), ep('GET', '/api/health', 5, 1)],
    messages: ['websocket client connected user={user}', 'task {task} created for user={user}', 'cache hit ratio {pct}%'],
    warnings: ['slow query: SELECT * FROM tasks WHERE user_id = $1 took {slow}ms', 'websocket ping timeout for user={user}'],
    errors: ['database connection failed: connection refused (postgres:5432)', 'kafka publish to topic task-events failed: broker not available'],
  },
  'reminder-scheduler': {
    style: 'worker',
    endpoints: [],
    messages: ['scheduled reminder for task {task} in {small}m', 'published reminder event to topic reminders partition={small}'],
    warnings: ['reminder for task {task} is {small}s late'],
    errors: ['publish to topic reminders failed: broker not available'],
  },
  notification: {
    style: 'worker',
    endpoints: [ep('GET', '/health', 1, 1)],
    messages: ['sent email notification to user={user} via sendgrid status=202', 'consumed event from topic reminders offset={n}'],
    warnings: ['sendgrid responded 429, retrying in {small}s'],
    errors: ['sendgrid request failed: 401 Unauthorized'],
  },
  postgres: { style: 'postgres', endpoints: [], messages: [], warnings: [], errors: [] },
};

const GENERIC: Omit<LogProfile, 'service'> = {
  style: 'http',
  endpoints: [ep('GET', '/', 10, 5), ep('GET', '/api/v1/items', 10, 12), ...HEALTH],
  messages: ['processed request batch size={small}', 'cache refreshed entries={n}'],
  warnings: ['slow upstream response took {slow}ms'],
  errors: ['upstream request failed: connection reset by peer'],
};

/** The profile for a container: by container name, then by the pod's `app` label, else a generic web service. */
export function profileFor(container: string, app: string | undefined): LogProfile {
  const p = PROFILES[container] ?? (app ? PROFILES[app] : undefined) ?? GENERIC;
  return { service: app ?? container, ...p };
}

/** Templates split once into literal text and placeholder names (odd indexes), so a line costs no regex. */
const compiled = new Map<string, string[]>();

function fill(template: string, r: LineRandom): string {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  if (parts.length === 1) return template;
  let out = '';
  for (let i = 0; i < parts.length; i++) out += i % 2 === 0 ? (parts[i] ?? '') : value(parts[i] ?? '', r);
  return out;
}

function value(k: string, r: LineRandom): string {
  switch (k) {
    case 'exp':
      return `exp-${1000 + r.int(9000)}`;
    case 'task':
      return String(10000 + r.int(90000));
    case 'agent':
      return `agent-${(0x1000 + r.int(0xefff)).toString(16)}`;
    case 'user':
      return `user-${100 + r.int(900)}`;
    case 'ip':
      return `10.244.${r.int(4)}.${2 + r.int(250)}`;
    case 'pct':
      return (40 + r.next() * 50).toFixed(1);
    case 'slow':
      return String(250 + r.int(900));
    case 'small':
      return String(1 + r.int(9));
    default:
      return String(100 + r.int(9900));
  }
}

function pickEndpoint(endpoints: readonly Endpoint[], r: LineRandom): Endpoint | undefined {
  let total = 0;
  for (const e of endpoints) total += e.weight;
  let x = r.next() * total;
  for (const e of endpoints) {
    x -= e.weight;
    if (x < 0) return e;
  }
  return endpoints[endpoints.length - 1];
}

/** An HTTP status: a healthy service answers ~0.5 % 5xx, a -bad one ~20 %. */
function statusFor(method: string, bad: boolean, r: LineRandom): number {
  const x = r.next();
  if (bad ? x < 0.2 : x < 0.005) return r.next() < 0.7 ? 500 : 503;
  if (x > 0.975) return 404;
  return method === 'POST' ? 201 : 200;
}

/** One line of a long-running container (without the newline). */
export function renderLine(p: LogProfile, r: LineRandom, ms: number, bad: boolean, fmt: StampFormatter): string {
  if (p.style === 'postgres') return postgresLine(r, ms, fmt);
  if (p.style === 'nginx') return nginxLine(p, r, ms, bad);
  const ts = fmt.milli(ms);
  const x = r.next();
  const requestShare = p.style === 'http' ? 0.85 : 0.15;
  const endpoint = p.endpoints.length ? pickEndpoint(p.endpoints, r) : undefined;
  if (endpoint && x < requestShare) {
    const status = statusFor(endpoint.method, bad, r);
    const ms2 = Math.max(1, Math.round(r.logNormal(endpoint.medianMs * (bad ? 3 : 1), 0.5)));
    const level = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO';
    const tail = status === 503 ? ' error="upstream connect error or disconnect/reset before headers"' : status === 500 ? ' error="internal error"' : '';
    return `${ts} ${level} ${endpoint.method} ${fill(endpoint.path, r)} ${status} ${ms2}ms${tail}`;
  }
  const y = r.next();
  if (p.errors.length && y < (bad ? 0.2 : 0.01)) return `${ts} ERROR ${fill(r.pick(p.errors), r)}`;
  if (p.warnings.length && y < (bad ? 0.3 : 0.05)) return `${ts} WARN ${fill(r.pick(p.warnings), r)}`;
  if (p.messages.length) return `${ts} INFO ${fill(r.pick(p.messages), r)}`;
  return `${ts} INFO heartbeat ok`;
}

const PG_MESSAGES = [
  'LOG:  checkpoint starting: time',
  'LOG:  checkpoint complete: wrote {small}{small} buffers (0.{small}%); 0 WAL file(s) added, 0 removed, 1 recycled',
  'LOG:  connection received: host=10.244.{small}.{small} port={n}',
  'LOG:  connection authorized: user=phoenix database=phoenix application_name=platform-api',
  'LOG:  duration: {slow}.{small}{small}{small} ms  statement: SELECT id, phase FROM experiments WHERE phase = $1',
  'LOG:  automatic vacuum of table "phoenix.public.tasks": index scans: 1',
];

function postgresLine(r: LineRandom, ms: number, fmt: StampFormatter): string {
  const iso = fmt.milli(ms);
  const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC`;
  const pid = 40 + r.int(400);
  if (r.next() < 0.01) return `${stamp} [${pid}] ERROR:  duplicate key value violates unique constraint "tasks_pkey"`;
  return `${stamp} [${pid}] ${fill(r.pick(PG_MESSAGES), r)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/124.0 Safari/537.36', 'kube-probe/1.32', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Firefox/125.0'];

function nginxLine(p: LogProfile, r: LineRandom, ms: number, bad: boolean): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  const when = `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? 'Jan'}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
  const e = pickEndpoint(p.endpoints, r) ?? ep('GET', '/', 1, 1);
  const status = statusFor(e.method, bad, r);
  const bytes = status >= 400 ? 157 + r.int(40) : 600 + r.int(40000);
  return `10.244.${r.int(4)}.${2 + r.int(250)} - - [${when}] "${e.method} ${fill(e.path, r)} HTTP/1.1" ${status} ${bytes} "-" "${r.pick(AGENTS)}"`;
}

const CRASH_SCRIPT = [
  '{ts} INFO starting {service} version={version}',
  '{ts} INFO loading configuration from /etc/phoenix/config.yaml',
  '{ts} INFO connecting to database host=postgres port=5432',
  'panic: runtime error: invalid memory address or nil pointer dereference',
  '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4d2e]',
  'goroutine 1 [running]:',
  'github.com/phoenix/platform/internal/config.(*Config).Validate(0x0)',
  '\t/src/internal/config/config.go:142 +0x2e',
  'github.com/phoenix/platform/internal/server.New({0xc0001a2000, 0x1f})',
  '\t/src/internal/server/server.go:61 +0x8c',
  'main.main()',
  '\t/src/cmd/{service}/main.go:57 +0x1a5',
  '{ts} FATAL {service} exited: startup failed: invalid memory address or nil pointer dereference (exit code 1)',
];

/** How many lines a crash-looping container writes before it dies. */
export const CRASH_SCRIPT_LINES = CRASH_SCRIPT.length;

/** Line i of a crash-looping container's whole log: a short start-up, a panic with its stack trace, then the fatal line. */
export function crashLine(i: number, service: string, version: string, ms: number, fmt: StampFormatter): string {
  const t = CRASH_SCRIPT[Math.min(i, CRASH_SCRIPT.length - 1)] ?? '';
  return t.replace('{ts}', () => fmt.milli(ms)).replace(/\{service\}/g, service).replace('{version}', version);
}
