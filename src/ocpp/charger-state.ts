import { Inject, Injectable } from '@nestjs/common';
import { ChargeStationRepository } from '../charge-stations/charge-station.repository.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import type { ConfigurationKey, StationConfiguration } from '../station-config/station-configuration.entity.js';
import type { OcppConnectorStatus } from './rules/status-mapping.js';

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
    private readonly stations: ChargeStationRepository,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** A registered, non-Deprecated station with this OCPP identity (case-insensitive), or undefined. */
  async connectable(identity: string): Promise<ConnectedStation | undefined> {
    const station = await this.stations.connectable(identity);
    if (!station) return undefined;
    return {
      stationPk: station.pk,
      chargeStationId: station.chargeStationId,
      heartbeatInterval: station.heartbeatInterval ?? this.settings.defaultHeartbeatInterval,
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
  status(stationPk: number, report: StatusInfo): Promise<boolean> {
    return this.stations.recordConnectorStatus(stationPk, { ...report, info: orNull(report.info) }, Date.now());
  }

  private write(stationPk: number, values: Partial<StationConfiguration>): Promise<void> {
    return this.stations.updateConfiguration(stationPk, values, Date.now());
  }
}
