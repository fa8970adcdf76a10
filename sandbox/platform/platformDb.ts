// The simulator's connection pool to the sandbox PostgreSQL, which a trigger can break (wrong credentials) and repair, like a platform API losing its database.
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import type { PostgresConnection } from '../services/postgresService';

export class PlatformDb {
  private pool: Pool;
  private broken = false;

  constructor(private readonly connection: PostgresConnection) {
    this.pool = this.makePool(connection.password);
  }

  get isBroken(): boolean {
    return this.broken;
  }

  /** The live pool (replaced by break/repair: fetch it per use). */
  get current(): Pool {
    return this.pool;
  }

  query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<{ rows: R[]; rowCount: number | null }> {
    return this.pool.query<R>(sql, params);
  }

  async connect(): Promise<PoolClient> {
    return this.pool.connect();
  }

  /**
   * From now on every connection is refused by the real server (authentication fails), so
   * pg_up drops to 0 and the API answers 503: the DatabaseConnectionFailed path, for real.
   */
  async breakConnection(): Promise<void> {
    if (this.broken) return;
    this.broken = true;
    await this.swap(this.makePool('wrong-password-injected-by-sandbox'));
  }

  async repair(): Promise<void> {
    if (!this.broken) return;
    this.broken = false;
    await this.swap(this.makePool(this.connection.password));
  }

  async end(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  private async swap(next: Pool): Promise<void> {
    const old = this.pool;
    this.pool = next;
    await old.end().catch(() => undefined);
  }

  private makePool(password: string): Pool {
    const { host, port, database, user } = this.connection;
    const pool = new Pool({ host, port, database, user, password, max: 6, connectionTimeoutMillis: 2000, idleTimeoutMillis: 5000, application_name: 'phoenix-platform-sim' });
    // An idle connection dropped by the server must not crash the sandbox process.
    pool.on('error', () => undefined);
    return pool;
  }
}
