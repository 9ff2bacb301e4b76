import { ApiProperty } from '@nestjs/swagger';
import { AuthRuleDto, DisplayTextDto } from '../../common/ocpi/ocpi.dto.js';
import { EvseDto } from '../../evses/dto/evse.dto.js';
import {
  CHARGER_TYPES,
  CHARGING_SPEEDS,
  CONNECTIVITY_STATUSES,
  CONTACTLESS_TYPES,
  DEPLOY_STATES,
  PROTOCOL_VERSIONS,
  type ChargerType,
  type ConnectivityStatus,
  type ContactlessType,
  type DeployState,
  type ProtocolVersion,
} from '../charge-station.types.js';
import type { ChargingSpeed } from '../../evses/rules/charging-speed.js';
import { EVSE_STATUSES, type EvseStatus } from '../rules/station-status.js';
import { StatusScheduleDto } from './status-schedule.dto.js';

/** A charge station as the API answers it (SPEC §4). Every key is always present. */
export class ChargeStationDto {
  @ApiProperty({ example: 'CS-0001' })
  charge_station_id: string;

  @ApiProperty({ example: 'LOC-AMS-0042' })
  location_id: string;

  @ApiProperty({ enum: DEPLOY_STATES, enumName: 'DeployState' })
  deploy_state: DeployState;

  @ApiProperty({
    enum: EVSE_STATUSES,
    enumName: 'EvseStatus',
    readOnly: true,
    description: 'REMOVED when Deprecated; else the first of AVAILABLE, CHARGING, RESERVED, BLOCKED, INOPERATIVE, OUTOFORDER, PLANNED, UNKNOWN any live EVSE has',
  })
  status: EvseStatus;

  @ApiProperty({ enum: CONNECTIVITY_STATUSES, enumName: 'ConnectivityStatus', readOnly: true })
  connectivity_status: ConnectivityStatus;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  client_ip_address: string | null;

  @ApiProperty({ enum: CHARGING_SPEEDS, enumName: 'ChargingSpeed', nullable: true, readOnly: true })
  charging_speed: ChargingSpeed | null;

  @ApiProperty({ example: 'TARIFF-STD' })
  default_charge_station_tariff_id: string;

  @ApiProperty({ enum: CHARGER_TYPES, enumName: 'ChargerType' })
  charger_type: ChargerType;

  @ApiProperty({ type: String, nullable: true })
  charge_station_template_id: string | null;

  @ApiProperty({ type: String, nullable: true })
  name: string | null;

  @ApiProperty({ type: String, nullable: true })
  remarks: string | null;

  @ApiProperty({ type: String, nullable: true })
  maintenance_info: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  installation_date: string | null;

  @ApiProperty({ type: String, nullable: true })
  default_charge_station_reimbursement_tariff_id: string | null;

  @ApiProperty({ type: [DisplayTextDto], nullable: true })
  default_charge_station_directions: DisplayTextDto[] | null;

  @ApiProperty({ type: String, nullable: true })
  default_charge_station_floor_level: string | null;

  @ApiProperty({ enum: CONTACTLESS_TYPES, enumName: 'ContactlessType', nullable: true })
  contactless_type: ContactlessType | null;

  @ApiProperty({ type: String, nullable: true })
  contactless_terminal_serial_number: string | null;

  @ApiProperty({ type: Number, nullable: true })
  contactless_terminal_auth_amount: number | null;

  @ApiProperty({ type: Boolean, nullable: true })
  tap_to_stop: boolean | null;

  @ApiProperty({ type: Boolean, nullable: true })
  stop_on_parking: boolean | null;

  @ApiProperty({ type: Boolean, nullable: true })
  dynamic_time_based_tariffs: boolean | null;

  @ApiProperty({ type: Boolean, nullable: true })
  time_of_use_tariffs: boolean | null;

  @ApiProperty({ type: Boolean, nullable: true })
  exclude_vat: boolean | null;

  @ApiProperty({ type: [StatusScheduleDto], nullable: true })
  status_schedule: StatusScheduleDto[] | null;

  @ApiProperty({ type: [AuthRuleDto], nullable: true })
  auth_rules: AuthRuleDto[] | null;

  @ApiProperty({ type: 'integer', readOnly: true, description: 'Seconds; the configured default until the charger reports' })
  heartbeat_interval: number;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  charge_point_model: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  charge_point_vendor: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  charge_point_serial_number: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  charge_box_serial_number: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  firmware_version: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  iccid: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  imsi: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  meter_serial_number: string | null;

  @ApiProperty({ type: String, nullable: true, readOnly: true })
  meter_type: string | null;

  @ApiProperty({ readOnly: true })
  remote_manageable: boolean;

  @ApiProperty({ enum: PROTOCOL_VERSIONS, enumName: 'ProtocolVersion', nullable: true, readOnly: true })
  protocol_version: ProtocolVersion | null;

  @ApiProperty({ readOnly: true, description: 'The OCPP-J URL the charger should dial', example: 'ws://localhost:3000/ocpp' })
  endpoint: string;

  @ApiProperty({ type: [EvseDto], description: 'Every EVSE, REMOVED ones included' })
  evses: EvseDto[];

  @ApiProperty({ example: 'Not Provided' })
  created_by: string;

  @ApiProperty({ example: 'Not Provided' })
  modified_by: string;

  @ApiProperty({ readOnly: true, format: 'uuid', description: 'Changes with the station\'s fields and EVSE/connector definitions, not with statuses' })
  etag: string;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  created: string;

  @ApiProperty({ readOnly: true, format: 'date-time', description: 'Changes with the station\'s own fields only' })
  modified: string;

  @ApiProperty({ readOnly: true, format: 'date-time', description: 'Changes with the station\'s fields and EVSE/connector definitions' })
  last_updated: string;
}
