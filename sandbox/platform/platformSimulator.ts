// The Phoenix platform in a box: the API server, its state in the sandbox's PostgreSQL, the experiment engine's ticker and the simulated agents.
import type { PostgresConnection } from '../services/postgresService';
import { ExperimentEngine } from './experimentEngine';
import { type SandboxControls, startPlatformApi } from './platformApiServer';
import { PlatformDb } from './platformDb';
import { createSchema } from './platformSchema';
import { AGENT_VERSION, SEED_AGENTS, seedPlatform } from './platformSeedData';
import { SimulatedAgent } from './simulatedAgent';
import { drainFlood, flood } from './taskQueue';

export interface PlatformSimulatorOptions {
  postgres: PostgresConnection;
  /** Host ids of the simulated agents (default agent-001 … agent-003). */
  agents?: readonly string[];
  /** How often each agent polls (default 2 s; the guide's agents poll every 30 s). */
  agentPollMs?: number;
  /** How often experiments advance (default 1 s). */
  tickMs?: number;
  /** Duration of a created experiment unless the request says otherwise (default 120 s). */
  experimentDurationSeconds?: number;
  /** Require this bearer token on /api/v1/* (default: none, like the guide's curl examples). */
  token?: string;
  /** Whether the API has a ready pod (default: always); see PlatformApiOptions.serving. */
  serving?: () => boolean;
  /** Whether the controller that moves experiments runs (default: always). */
  ticking?: () => boolean;
  /** The "now" the seeded experiments are placed relative to (the metric history uses the same one). */
  seedMs?: number;
  log?: (line: string) => void;
}

export interface PlatformSimulator extends SandboxControls {
  readonly url: string;
  readonly db: PlatformDb;
  readonly engine: ExperimentEngine;
  readonly agents: ReadonlyMap<string, SimulatedAgent>;
  stop(): Promise<void>;
}

export async function startPlatformSimulator(opts: PlatformSimulatorOptions): Promise<PlatformSimulator> {
  const log = opts.log ?? (() => undefined);
  const db = new PlatformDb(opts.postgres);
  await createSchema(db.current);
  await seedPlatform(db, opts.seedMs);
  const engine = new ExperimentEngine(db, { healthEveryMs: 15_000 });
  const agents = new Map<string, SimulatedAgent>();

  const controls: SandboxControls = {
    async stopAgent(hostId, lastSeenSecondsAgo = 360) {
      const agent = agents.get(hostId);
      if (!agent) throw new Error(`no simulated agent ${hostId} (agents: ${[...agents.keys()].join(', ')})`);
      await agent.stop();
      // As if it had died that long ago: AgentDown's 300 s threshold is crossed without a 5-minute wait.
      await db.query(`UPDATE agents SET last_seen_at = now() - $2 * interval '1 second' WHERE host_id = $1`, [hostId, lastSeenSecondsAgo]);
      log(`platform: agent ${hostId} stopped (last seen ${lastSeenSecondsAgo} s ago)`);
    },
    startAgent(hostId) {
      const agent = agents.get(hostId);
      if (!agent) return Promise.reject(new Error(`no simulated agent ${hostId}`));
      agent.start();
      log(`platform: agent ${hostId} started`);
      return Promise.resolve();
    },
    async floodQueue(count = 150) {
      await flood(db, count);
      log(`platform: ${count} pending tasks added`);
    },
    drainQueue: () => drainFlood(db),
    breakDatabase: () => db.breakConnection(),
    repairDatabase: () => db.repair(),
  };

  const api = await startPlatformApi({
    db,
    engine,
    controls,
    experimentDurationSeconds: opts.experimentDurationSeconds ?? 120,
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.serving ? { serving: opts.serving } : {}),
  });
  for (const hostId of opts.agents ?? SEED_AGENTS) {
    agents.set(hostId, new SimulatedAgent({ apiUrl: api.url, hostId, version: AGENT_VERSION, pollMs: opts.agentPollMs ?? 2000, workMs: [200, 900] }));
  }
  for (const a of agents.values()) a.start();

  let ticking = true;
  let tickTimer: NodeJS.Timeout | undefined;
  let lastTick: Promise<void> = Promise.resolve();
  const tick = () => {
    // A broken database just pauses the experiments; so does a controller scaled to zero.
    lastTick = opts.ticking?.() === false ? Promise.resolve() : engine.tick().catch(() => undefined);
    void lastTick.finally(() => {
      if (ticking) tickTimer = setTimeout(tick, opts.tickMs ?? 1000);
    });
  };
  tick();

  let stopped: Promise<void> | undefined;
  return {
    url: api.url,
    db,
    engine,
    agents,
    ...controls,
    stop: () =>
      (stopped ??= (async () => {
        ticking = false;
        clearTimeout(tickTimer);
        await Promise.allSettled([...agents.values()].map((a) => a.stop()));
        await lastTick;
        await api.stop();
        await db.end();
      })()),
  };
}
