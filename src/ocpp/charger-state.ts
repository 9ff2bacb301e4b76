import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Not } from 'typeorm';
import { ChargeStation } from '../charge-stations/charge-station.entity.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { inTransaction } from '../database/transactions.js';
import { Connector } from '../evses/connector.entity.js';
import { Evse } from '../evses/evse.entity.js';
import { type ConfigurationKey, StationConfiguration } from '../station-config/station-configuration.entity.js';
import { evseStatusFromConnectors, type OcppConnectorStatus } from './rules/status-mapping.js';

export interface ConnectedStation {
  stationPk: number;
  chargeStationId: string;
  /** Seconds: what the charger last reported, else the configured default. */
  heartbeatInterval: number;
}

export interface BootInfo {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

export interface StatusInfo {
  connectorId: number;
  status: OcppConnectorStatus;
  errorCode: string;
  info?: string;
}

const orNull = (value: string | undefined) => value ?? null;

/**
 * What chargers report, written to the database (SPEC §8). Nothing here touches a station's own
 * row: its `etag` and `last_updated` never move because of a charger.
 */
@Injectable()
export class ChargerState {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** A registered, non-Deprecated station with this OCPP identity (case-insensitive), or undefined. */
  async connectable(identity: string): Promise<ConnectedStation | undefined> {
    const station = await this.dataSource.manager.findOne(ChargeStation, {
      where: { chargeStationId: identity, deployState: Not('Deprecated') },
      select: { pk: true, chargeStationId: true },
    });
    if (!station) return undefined;
    const config = await this.dataSource.manager.findOne(StationConfiguration, {
      where: { stationPk: station.pk },
      select: { stationPk: true, heartbeatInterval: true },
    });
    return {
      stationPk: station.pk,
      chargeStationId: station.chargeStationId,
      heartbeatInterval: config?.heartbeatInterval ?? this.settings.defaultHeartbeatInterval,
    };
  }

  async connected(stationPk: number, clientIpAddress: string | null): Promise<void> {
    await this.write(stationPk, {
      connectivityStatus: 'Online',
      clientIpAddress,
      protocolVersion: 'Ocpp16',
      remoteManageable: true,
      lastSeen: Date.now(),
    });
  }

  async disconnected(stationPk: number): Promise<void> {
    await this.write(stationPk, { connectivityStatus: 'Offline' });
  }

  async booted(stationPk: number, boot: BootInfo): Promise<void> {
    const now = Date.now();
    await this.write(stationPk, {
      chargePointVendor: boot.chargePointVendor,
      chargePointModel: boot.chargePointModel,
      chargePointSerialNumber: orNull(boot.chargePointSerialNumber),
      chargeBoxSerialNumber: orNull(boot.chargeBoxSerialNumber),
      firmwareVersion: orNull(boot.firmwareVersion),
      iccid: orNull(boot.iccid),
      imsi: orNull(boot.imsi),
      meterType: orNull(boot.meterType),
      meterSerialNumber: orNull(boot.meterSerialNumber),
      lastBootNotification: now,
      connectivityStatus: 'Online',
      lastSeen: now,
    });
  }

  async heartbeat(stationPk: number): Promise<void> {
    const now = Date.now();
    await this.write(stationPk, { lastHeartbeat: now, connectivityStatus: 'Online', lastSeen: now });
  }

  async configuration(stationPk: number, keys: ConfigurationKey[]): Promise<void> {
    const heartbeat = keys.find((k) => k.key === 'HeartbeatInterval');
    const interval = heartbeat?.value !== null && heartbeat?.value !== undefined && /^\d{1,6}$/.test(heartbeat.value) ? Number(heartbeat.value) : undefined;
    await this.write(stationPk, { configurationKeys: keys, ...(interval && interval > 0 ? { heartbeatInterval: interval } : {}) });
  }

  /**
   * A connector's StatusNotification: the connector keeps the OCPP status with its errorCode and
   * info; its EVSE's status becomes the mapped highest-priority status of the EVSE's connectors,
   * with a new EVSE `last_updated` when it changes. Returns false for a connector the station lacks.
   */
  async status(stationPk: number, report: StatusInfo): Promise<boolean> {
    const now = Date.now();
    return inTransaction(this.dataSource, async (manager) => {
      await this.touch(manager, stationPk, now);
      if (report.connectorId === 0) return true;
      const connector = await manager
        .createQueryBuilder(Connector, 'c')
        .innerJoin(Evse, 'e', 'e.pk = c.evse_pk')
        .where('c.station_pk = :stationPk AND c.connector_id = :connectorId AND e.status <> :removed', {
          stationPk,
          connectorId: String(report.connectorId),
          removed: 'REMOVED',
        })
        .getOne();
      if (!connector) return false;
      const evse = await manager.findOne(Evse, {
        where: { pk: connector.evsePk },
        ...(this.dataSource.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
      });
      await manager.update(
        Connector,
        { pk: connector.pk },
        { ocppStatus: report.status, ocppErrorCode: report.errorCode, ocppInfo: orNull(report.info), ocppStatusAt: now },
      );
      const siblings = await manager.find(Connector, { where: { evsePk: connector.evsePk }, select: { ocppStatus: true } });
      const statuses = siblings.map((c) => c.ocppStatus).filter((s): s is OcppConnectorStatus => s !== null);
      const evseStatus = evseStatusFromConnectors(statuses);
      if (evse && evse.status !== evseStatus) {
        await manager.update(Evse, { pk: evse.pk }, { status: evseStatus, lastUpdated: now });
      }
      return true;
    });
  }

  private async touch(manager: EntityManager, stationPk: number, now: number): Promise<void> {
    await this.update(manager, stationPk, { connectivityStatus: 'Online', lastSeen: now });
  }

  private write(stationPk: number, values: Partial<StationConfiguration>): Promise<void> {
    return inTransaction(this.dataSource, (manager) => this.update(manager, stationPk, values));
  }

  /** Every station has its configuration row from creation on, so this is a plain update by key. */
  private async update(manager: EntityManager, stationPk: number, values: Partial<StationConfiguration>): Promise<void> {
    const updated = await manager.update(StationConfiguration, { stationPk }, values);
    if (!updated.affected) throw new Error(`charge station ${stationPk} has no configuration row`);
  }
}
