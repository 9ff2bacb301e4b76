import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Cpo } from '../auth/cpo.entity.js';
import { VersionedColumns } from '../database/columns.js';
import type {
  AccessType,
  AuthRule,
  CustomGroup,
  CustomisedField,
  DisplayText,
  EnergyMix,
  Facility,
  Hours,
  LocationType,
} from '../common/ocpi/ocpi.types.js';

/**
 * A Location (SPEC §3). `id` compares case-insensitively (column collation) and is unique across
 * every CPO. Coordinates are kept as the strings given, plus numbers for the "near me" filter.
 */
@Entity({ name: 'locations' })
export class Location extends VersionedColumns {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'cpo_pk', type: 'integer' })
  cpoPk: number;

  @ManyToOne(() => Cpo)
  @JoinColumn({ name: 'cpo_pk', referencedColumnName: 'pk' })
  cpo: Relation<Cpo>;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  address: string;

  @Column({ name: 'address_line_2', type: 'varchar', length: 255, nullable: true })
  addressLine2: string | null;

  @Column({ type: 'varchar', length: 45 })
  city: string;

  @Column({ name: 'postal_code', type: 'varchar', length: 10 })
  postalCode: string;

  @Column({ type: 'varchar', length: 45, nullable: true })
  state: string | null;

  @Column({ type: 'varchar', length: 3 })
  country: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  latitude: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  longitude: string | null;

  @Column({ name: 'lat', type: 'double', nullable: true })
  lat: number | null;

  @Column({ name: 'lng', type: 'double', nullable: true })
  lng: number | null;

  @Column({ type: 'varchar', length: 20 })
  type: LocationType;

  @Column({ type: 'boolean' })
  publish: boolean;

  @Column({ type: 'simple-json', nullable: true })
  directions: DisplayText[] | null;

  @Column({ type: 'simple-json', nullable: true })
  facilities: Facility[] | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  @Column({ name: 'opening_times', type: 'simple-json', nullable: true })
  openingTimes: Hours | null;

  @Column({ type: 'text', nullable: true })
  remarks: string | null;

  @Column({ name: 'maintenance_info', type: 'text', nullable: true })
  maintenanceInfo: string | null;

  @Column({ name: 'cpo_customer_external_id', type: 'varchar', length: 255, nullable: true })
  cpoCustomerExternalId: string | null;

  @Column({ name: 'access_type', type: 'varchar', length: 10, nullable: true })
  accessType: AccessType | null;

  @Column({ name: 'auth_rules', type: 'simple-json', nullable: true })
  authRules: AuthRule[] | null;

  @Column({ name: 'energy_mix', type: 'simple-json', nullable: true })
  energyMix: EnergyMix | null;

  @Column({ name: 'payment_provider', type: 'varchar', length: 255, nullable: true })
  paymentProvider: string | null;

  @Column({ name: 'wallet_id', type: 'varchar', length: 255, nullable: true })
  walletId: string | null;

  @Column({ name: 'custom_groups', type: 'simple-json', nullable: true })
  customGroups: CustomGroup[] | null;

  @Column({ name: 'customised_fields', type: 'simple-json', nullable: true })
  customisedFields: CustomisedField[] | null;
}
