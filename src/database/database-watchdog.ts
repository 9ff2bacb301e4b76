import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** How long a request may wait for a pooled MySQL connection, connecting included. */
export const ACQUIRE_TIMEOUT_MS = 2000;
/** How long one MySQL command may go unanswered before its connection is given up. */
export const COMMAND_TIMEOUT_MS = 2500;
const SCAN_INTERVAL_MS = 250;

/** The parts of mysql2's pool and connection the watchdog uses (`_command` is internal to mysql2). */
interface WatchedConnection {
  _command?: object | null;
  stream: { destroyed?: boolean; destroy(error?: Error): void };
  release(): void;
  on(event: 'end' | 'error', listener: () => void): unknown;
}
interface WatchedPool {
  getConnection(callback: (error: Error | null, connection?: WatchedConnection) => void): void;
}

function unavailable(message: string, code: string): Error {
  return Object.assign(new Error(message), { code, fatal: true });
}

/**
 * Keeps requests from hanging on a MySQL server that stops answering without closing its sockets
 * (a frozen host or process, a network partition). A server that is down refuses connections and
 * needs none of this; a frozen one accepts TCP connections, then answers nothing, and mysql2 has
 * no timeout for either a pool wait or a running statement. So, once the application has started
 * (migrations may legitimately run long, and run before this is armed):
 *
 * - a request that has no pooled connection after ACQUIRE_TIMEOUT_MS fails with ETIMEDOUT;
 * - a connection whose command has gone unanswered for COMMAND_TIMEOUT_MS is destroyed: its
 *   command fails with PROTOCOL_SEQUENCE_TIMEOUT and the pool drops it.
 *
 * Both map to 503 (error-response.ts). Destroying the socket mid-transaction makes the server roll
 * the transaction back once it runs again — unless the unanswered command was the COMMIT itself,
 * which then may or may not have happened (the same doubt as any connection lost during a COMMIT).
 * The embedded SQLite database needs no watchdog.
 */
@Injectable()
export class DatabaseWatchdog implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private restore?: () => void;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const pool = (this.dataSource.driver as { pool?: WatchedPool }).pool;
    if (this.dataSource.options.type !== 'mysql' || !pool) return;
    const connections = new Set<WatchedConnection>();
    const busy = new Map<WatchedConnection, { command: object; since: number }>();

    const getConnection = pool.getConnection;
    pool.getConnection = function (callback) {
      let settled = false;
      const timer = setTimeout(() => {
        settled = true;
        callback(unavailable(`No database connection within ${ACQUIRE_TIMEOUT_MS} ms`, 'ETIMEDOUT'));
      }, ACQUIRE_TIMEOUT_MS);
      getConnection.call(this, (error, connection) => {
        clearTimeout(timer);
        if (settled) {
          connection?.release();
          return;
        }
        if (connection && !connections.has(connection)) {
          connections.add(connection);
          const forget = () => {
            connections.delete(connection);
            busy.delete(connection);
          };
          // A lasting listener: an 'error' without one would crash the process.
          connection.on('end', forget);
          connection.on('error', forget);
        }
        callback(error, connection);
      });
    };
    this.restore = () => {
      pool.getConnection = getConnection;
    };

    this.timer = setInterval(() => {
      const now = Date.now();
      for (const connection of connections) {
        if (connection.stream.destroyed) {
          connections.delete(connection);
          busy.delete(connection);
          continue;
        }
        const command = connection._command;
        if (!command) {
          busy.delete(connection);
          continue;
        }
        const seen = busy.get(connection);
        if (seen?.command !== command) busy.set(connection, { command, since: now });
        else if (now - seen.since >= COMMAND_TIMEOUT_MS) {
          busy.delete(connection);
          connections.delete(connection);
          connection.stream.destroy(unavailable(`The database did not answer within ${COMMAND_TIMEOUT_MS} ms`, 'PROTOCOL_SEQUENCE_TIMEOUT'));
        }
      }
    }, SCAN_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.restore?.();
  }
}
