import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConnectivityStatus, ProtocolVersion } from '../charge-stations/charge-station.types.js';
import { epochMs } from '../database/columns.js';

export interface ConfigurationKey {
  key: string;
  value: string | null;
  readonly: boolean;
}

/**
 * What a charger reported about itself (SPEC §7), written only by the OCPP gateway. A station
 * without a row has never connected: every field reads as its default.
 */
@Entity({ name: 'station_configurations' })
export class StationConfiguration {
  @PrimaryColumn({ name: 'station_pk', type: 'integer' })
  stationPk: number;

  @Column({ name: 'heartbeat_interval', type: 'integer', nullable: true })
  heartbeatInterval: number | null;

  @Column({ name: 'charge_point_model', type: 'varchar', length: 50, nullable: true })
  chargePointModel: string | null;

  @Column({ name: 'charge_point_vendor', type: 'varchar', length: 50, nullable: true })
  chargePointVendor: string | null;

  @Column({ name: 'charge_point_serial_number', type: 'varchar', length: 50, nullable: true })
  chargePointSerialNumber: string | null;

  @Column({ name: 'charge_box_serial_number', type: 'varchar', length: 50, nullable: true })
  chargeBoxSerialNumber: string | null;

  @Column({ name: 'firmware_version', type: 'varchar', length: 50, nullable: true })
  firmwareVersion: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  iccid: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  imsi: string | null;

  @Column({ name: 'meter_serial_number', type: 'varchar', length: 50, nullable: true })
  meterSerialNumber: string | null;

  @Column({ name: 'meter_type', type: 'varchar', length: 50, nullable: true })
  meterType: string | null;

  @Column({ name: 'remote_manageable', type: 'boolean' })
  remoteManageable: boolean;

  @Column({ name: 'protocol_version', type: 'varchar', length: 12, nullable: true })
  protocolVersion: ProtocolVersion | null;

  @Column({ name: 'connectivity_status', type: 'varchar', length: 8 })
  connectivityStatus: ConnectivityStatus;

  @Column({ name: 'client_ip_address', type: 'varchar', length: 64, nullable: true })
  clientIpAddress: string | null;

  @Column({ name: 'last_boot_notification', type: 'bigint', nullable: true, transformer: epochMs })
  lastBootNotification: number | null;

  @Column({ name: 'last_heartbeat', type: 'bigint', nullable: true, transformer: epochMs })
  lastHeartbeat: number | null;

  @Column({ name: 'configuration_keys', type: 'simple-json', nullable: true })
  configurationKeys: ConfigurationKey[] | null;

  /** When the charger last sent an OCPP message: Online holds only while this is recent. */
  @Column({ name: 'last_seen', type: 'bigint', nullable: true, transformer: epochMs })
  lastSeen: number | null;
}
