import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { createRPCError, RPCServer } from 'ocpp-rpc';
import { OCPP16_ACTIONS, ocpp16Validator } from './ocpp16-validator.js';
import { ChargerState, type BootInfo, type ConnectedStation, type StatusInfo } from './charger-state.js';

/** The OCPP-J path chargers dial: `/ocpp/{chargeStationId}`. */
export const OCPP_PATH = '/ocpp';

type ServerClient = Parameters<Parameters<RPCServer['on']>[1]>[0] & {
  identity: string;
  session: ConnectedStation;
  handshake: { remoteAddress?: string };
};

interface Connection {
  client: ServerClient;
  station: ConnectedStation;
  silence?: NodeJS.Timeout;
  heartbeatInterval: number;
}

/**
 * The OCPP 1.6J gateway (SPEC §8), on the same port as the REST API: WebSocket upgrades on
 * `/ocpp/{id}` go to an ocpp-rpc server in strict mode (schema-checked calls; malformed or unknown
 * messages get the CALLERROR OCPP-J defines). Only registered, non-Deprecated stations connect; a
 * newer connection for an identity replaces the older one.
 */
@Injectable()
export class OcppGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OcppGateway');
  private readonly rpc = new RPCServer({
    protocols: ['ocpp1.6'],
    strictMode: true,
    strictModeValidators: [ocpp16Validator],
    callTimeoutMs: 30_000,
    pingIntervalMs: 30_000,
  });
  private readonly connections = new Map<string, Connection>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ChargerState) private readonly chargers: ChargerState,
  ) {}

  onApplicationBootstrap(): void {
    this.rpc.auth((accept, reject, handshake) => {
      if (handshake.endpoint.replace(/\/+$/, '').toLowerCase() !== OCPP_PATH) return reject(404, 'Not found');
      this.chargers.connectable(handshake.identity).then(
        (station) => (station ? accept(station) : reject(404, 'Unknown or deprecated charge station')),
        (error: unknown) => {
          this.logger.error(`handshake of ${handshake.identity} failed: ${String(error)}`);
          reject(503, 'Service unavailable');
        },
      );
    });
    this.rpc.on('client', (client: ServerClient) => {
      this.attach(client).catch((error: unknown) => {
        this.logger.error(`${client.identity}: could not take the connection: ${String(error)}`);
        void client.close({ code: 1011, reason: 'Server error' });
      });
    });
    const server = this.adapterHost.httpAdapter.getHttpServer() as Server;
    server.on('upgrade', this.rpc.handleUpgrade);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const stations = [...this.connections.values()].map((c) => c.station.stationPk);
    for (const connection of this.connections.values()) clearTimeout(connection.silence);
    this.connections.clear();
    await this.rpc.close({ code: 1001, reason: 'Server shutting down', awaitPending: false, force: true });
    await Promise.allSettled(stations.map((pk) => this.chargers.disconnected(pk)));
  }

  private async attach(client: ServerClient): Promise<void> {
    const station = client.session;
    const key = station.chargeStationId.toLowerCase();
    const previous = this.connections.get(key);
    // Handlers are in place before the first await: a charger may send BootNotification at once.
    const connection: Connection = { client, station, heartbeatInterval: station.heartbeatInterval };
    this.connections.set(key, connection);
    if (previous) {
      clearTimeout(previous.silence);
      void previous.client.close({ code: 4000, reason: 'Replaced by a newer connection' });
    }

    client.handle('BootNotification', async ({ params }: { params: BootInfo }) => {
      await this.chargers.booted(station.stationPk, params);
      // Ask for the configuration once the BootNotification answer is on its way.
      setImmediate(() => void this.fetchConfiguration(connection));
      return { status: 'Accepted', currentTime: new Date().toISOString(), interval: connection.heartbeatInterval };
    });
    client.handle('Heartbeat', async () => {
      await this.chargers.heartbeat(station.stationPk);
      return { currentTime: new Date().toISOString() };
    });
    client.handle('StatusNotification', async ({ params }: { params: StatusInfo }) => {
      const known = await this.chargers.status(station.stationPk, params);
      if (!known) this.logger.warn(`${station.chargeStationId} reported unknown connector ${params.connectorId}`);
      return {};
    });
    client.handle(({ method }: { method: string }) => {
      // OCPP-J: NotSupported for an action known but not supported, NotImplemented for one not known.
      const code = OCPP16_ACTIONS.has(method) ? 'NotSupported' : 'NotImplemented';
      throw createRPCError(code, `${method} is not supported by this central system`);
    });
    client.on('call', ({ outbound }: { outbound: boolean }) => {
      if (!outbound) this.armSilenceTimer(connection);
    });
    client.on('strictValidationFailure', ({ method, error }: { method: string; error: Error }) => {
      this.logger.warn(`${station.chargeStationId}: ${method} failed schema validation: ${error.message}`);
    });
    client.on('badMessage', ({ error }: { error: Error }) => {
      this.logger.warn(`${station.chargeStationId}: bad OCPP-J message: ${error.message}`);
    });
    client.on('close', () => {
      clearTimeout(connection.silence);
      if (this.connections.get(key) !== connection) return;
      this.connections.delete(key);
      this.chargers.disconnected(station.stationPk).catch((error: unknown) => this.logger.error(`marking ${station.chargeStationId} offline failed: ${String(error)}`));
    });

    this.armSilenceTimer(connection);
    const remoteAddress = client.handshake.remoteAddress ?? null;
    await this.chargers.connected(station.stationPk, remoteAddress?.replace(/^::ffff:/, '') ?? null);
  }

  /** No message for 3 × heartbeat_interval: the charger is gone; close and go Offline. */
  private armSilenceTimer(connection: Connection): void {
    clearTimeout(connection.silence);
    connection.silence = setTimeout(() => {
      this.logger.warn(`${connection.station.chargeStationId}: no message for 3 heartbeat intervals, closing`);
      void connection.client.close({ code: 4001, reason: 'No message for 3 heartbeat intervals' });
    }, 3 * connection.heartbeatInterval * 1000);
    connection.silence.unref();
  }

  private async fetchConfiguration(connection: Connection): Promise<void> {
    try {
      const result = (await connection.client.call('GetConfiguration', {})) as {
        configurationKey?: { key: string; readonly: boolean; value?: string }[];
      };
      const keys = (result.configurationKey ?? []).map((k) => ({ key: k.key, value: k.value ?? null, readonly: k.readonly }));
      await this.chargers.configuration(connection.station.stationPk, keys);
      const interval = keys.find((k) => k.key === 'HeartbeatInterval')?.value;
      if (interval && /^\d{1,6}$/.test(interval) && Number(interval) > 0) connection.heartbeatInterval = Number(interval);
    } catch (error) {
      this.logger.warn(`${connection.station.chargeStationId}: GetConfiguration failed: ${String(error)}`);
    }
  }
}
