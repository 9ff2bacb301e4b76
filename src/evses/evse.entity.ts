import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StatusSchedule } from '../charge-stations/charge-station.types.js';
import type { EvseStatus } from '../charge-stations/rules/station-status.js';
import type { DisplayText } from '../common/ocpi/ocpi.types.js';
import { epochMs } from '../database/columns.js';
import type { Capability, OcpiImage, ParkingRestriction } from './evse.types.js';

/**
 * An EVSE of a station (SPEC §4). Never deleted: one that leaves its station keeps its row with
 * status REMOVED. `uid` is unique within the CPO; `evse_id` among the CPO's non-REMOVED EVSEs
 * (a generated column and unique index enforce both in the database).
 */
@Entity({ name: 'evses' })
export class Evse {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  @Column({ name: 'station_pk', type: 'integer' })
  stationPk: number;

  @Column({ name: 'cpo_pk', type: 'integer' })
  cpoPk: number;

  @Column({ type: 'varchar', length: 36 })
  uid: string;

  @Column({ name: 'evse_id', type: 'varchar', length: 48, nullable: true })
  evseId: string | null;

  @Column({ name: 'evse_sequence_number', type: 'integer' })
  evseSequenceNumber: number;

  @Column({ type: 'varchar', length: 12 })
  status: EvseStatus;

  @Column({ name: 'status_schedule', type: 'simple-json', nullable: true })
  statusSchedule: StatusSchedule[] | null;

  @Column({ type: 'simple-json', nullable: true })
  capabilities: Capability[] | null;

  @Column({ name: 'floor_level', type: 'varchar', length: 4, nullable: true })
  floorLevel: string | null;

  @Column({ name: 'physical_reference', type: 'varchar', length: 16, nullable: true })
  physicalReference: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  latitude: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  longitude: string | null;

  @Column({ type: 'simple-json', nullable: true })
  images: OcpiImage[] | null;

  @Column({ type: 'simple-json', nullable: true })
  directions: DisplayText[] | null;

  @Column({ name: 'parking_restrictions', type: 'simple-json', nullable: true })
  parkingRestrictions: ParkingRestriction[] | null;

  @Column({ name: 'last_updated', type: 'bigint', transformer: epochMs })
  lastUpdated: number;
}
