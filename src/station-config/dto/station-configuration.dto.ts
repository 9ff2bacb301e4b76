import { ApiProperty } from '@nestjs/swagger';
import {
  CONNECTIVITY_STATUSES,
  PROTOCOL_VERSIONS,
  type ConnectivityStatus,
  type ProtocolVersion,
} from '../../charge-stations/charge-station.types.js';

const REPORTED = 'Reported by the charger; null until it does.';

/** One key of the charger's OCPP configuration, as GetConfiguration reported it. */
export class ConfigurationKeyDto {
  @ApiProperty({ readOnly: true, example: 'MeterValueSampleInterval' })
  key: string;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: 'null when the charger reported no value', example: '60' })
  value: string | null;

  @ApiProperty({ readOnly: true, description: 'Whether the charger refuses to change this key', example: false })
  readonly: boolean;
}

/**
 * A station's configuration (SPEC §7): what its charger reported, read-only over REST. Before a
 * charger has connected every field shows its default. Every key is always present.
 */
export class StationConfigurationDto {
  @ApiProperty({ readOnly: true, description: 'The OCPP identity of the station', example: 'CS-0001' })
  charge_station_id: string;

  @ApiProperty({
    type: 'integer',
    readOnly: true,
    description: 'Seconds between heartbeats; the configured default until the charger reports another',
    example: 300,
  })
  heartbeat_interval: number;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: 'Terra AC' })
  charge_point_model: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: 'ABB' })
  charge_point_vendor: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: 'TACW-1234-5678' })
  charge_point_serial_number: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: 'CB-0099' })
  charge_box_serial_number: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: '1.8.21' })
  firmware_version: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: `SIM card ICCID. ${REPORTED}`, example: '8931440400012345678' })
  iccid: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: `SIM card IMSI. ${REPORTED}`, example: '204080123456789' })
  imsi: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: 'MTR-42' })
  meter_serial_number: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: REPORTED, example: 'EEM-350' })
  meter_type: string | null;

  @ApiProperty({ readOnly: true, description: 'true once the charger has connected over OCPP; false before', example: false })
  remote_manageable: boolean;

  @ApiProperty({
    enum: PROTOCOL_VERSIONS,
    enumName: 'ProtocolVersion',
    nullable: true,
    readOnly: true,
    description: 'The OCPP version the charger speaks; null until it connects',
  })
  protocol_version: ProtocolVersion | null;

  @ApiProperty({
    readOnly: true,
    description: 'The OCPP-J URL the charger should dial (it appends its identity); from the service settings',
    example: 'ws://localhost:3000/ocpp',
  })
  endpoint: string;

  @ApiProperty({
    enum: CONNECTIVITY_STATUSES,
    enumName: 'ConnectivityStatus',
    readOnly: true,
    description: 'Live: Online while the charger is connected; Offline before it ever connects',
  })
  connectivity_status: ConnectivityStatus;

  @ApiProperty({ type: String, nullable: true, readOnly: true, description: 'Live: the address the charger connected from', example: '203.0.113.7' })
  client_ip_address: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, readOnly: true, description: 'When the last BootNotification arrived' })
  last_boot_notification: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, readOnly: true, description: 'When the last Heartbeat arrived' })
  last_heartbeat: string | null;

  @ApiProperty({
    type: [ConfigurationKeyDto],
    readOnly: true,
    description: 'The OCPP configuration keys as last reported (GetConfiguration); empty until the charger reports them',
  })
  configuration_keys: ConfigurationKeyDto[];
}
