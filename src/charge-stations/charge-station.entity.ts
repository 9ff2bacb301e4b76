import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthRule, DisplayText } from '../common/ocpi/ocpi.types.js';
import { epochMs, VersionedColumns } from '../database/columns.js';
import type { ChargerType, ContactlessType, DeployState, StatusSchedule } from './charge-station.types.js';

/**
 * A charge station (SPEC §4): the station's own fields. Its EVSEs and connectors are rows of their
 * own (evses/), its charger-reported configuration lives in station-config/.
 * `modified` moves with the station's own fields only; `last_updated` also with EVSE/connector definitions.
 */
@Entity({ name: 'charge_stations' })
export class ChargeStation extends VersionedColumns {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  /** The OCPP identity; unique across the service, compared case-insensitively. */
  @Column({ name: 'charge_station_id', type: 'varchar', length: 48 })
  chargeStationId: string;

  @Column({ name: 'cpo_pk', type: 'integer' })
  cpoPk: number;

  @Column({ name: 'location_id', type: 'varchar', length: 36 })
  locationId: string;

  @Column({ name: 'deploy_state', type: 'varchar', length: 12 })
  deployState: DeployState;

  @Column({ name: 'default_charge_station_tariff_id', type: 'varchar', length: 36 })
  defaultChargeStationTariffId: string;

  @Column({ name: 'charger_type', type: 'varchar', length: 12 })
  chargerType: ChargerType;

  @Column({ name: 'charge_station_template_id', type: 'varchar', length: 64, nullable: true })
  chargeStationTemplateId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ name: 'maintenance_info', type: 'text', nullable: true })
  maintenanceInfo: string | null;

  @Column({ name: 'installation_date', type: 'bigint', nullable: true, transformer: epochMs })
  installationDate: number | null;

  @Column({ name: 'default_charge_station_reimbursement_tariff_id', type: 'varchar', length: 36, nullable: true })
  defaultChargeStationReimbursementTariffId: string | null;

  @Column({ name: 'default_charge_station_directions', type: 'simple-json', nullable: true })
  defaultChargeStationDirections: DisplayText[] | null;

  @Column({ name: 'default_charge_station_floor_level', type: 'varchar', length: 4, nullable: true })
  defaultChargeStationFloorLevel: string | null;

  @Column({ name: 'contactless_type', type: 'varchar', length: 8, nullable: true })
  contactlessType: ContactlessType | null;

  @Column({ name: 'contactless_terminal_serial_number', type: 'varchar', length: 255, nullable: true })
  contactlessTerminalSerialNumber: string | null;

  @Column({ name: 'contactless_terminal_auth_amount', type: 'double', nullable: true })
  contactlessTerminalAuthAmount: number | null;

  @Column({ name: 'tap_to_stop', type: 'boolean', nullable: true })
  tapToStop: boolean | null;

  @Column({ name: 'stop_on_parking', type: 'boolean', nullable: true })
  stopOnParking: boolean | null;

  @Column({ name: 'dynamic_time_based_tariffs', type: 'boolean', nullable: true })
  dynamicTimeBasedTariffs: boolean | null;

  @Column({ name: 'time_of_use_tariffs', type: 'boolean', nullable: true })
  timeOfUseTariffs: boolean | null;

  @Column({ name: 'exclude_vat', type: 'boolean', nullable: true })
  excludeVat: boolean | null;

  @Column({ name: 'status_schedule', type: 'simple-json', nullable: true })
  statusSchedule: StatusSchedule[] | null;

  @Column({ name: 'auth_rules', type: 'simple-json', nullable: true })
  authRules: AuthRule[] | null;
}
