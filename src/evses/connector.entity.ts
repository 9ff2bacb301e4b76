import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/columns.js';
import type { OcppConnectorStatus } from '../ocpp/rules/status-mapping.js';
import type { ConnectorFormat, ConnectorStandard, PowerType } from './rules/connectors.js';

/** A connector of an EVSE (SPEC §4). `connector_id` is the OCPP connectorId, unique within the station's live EVSEs. */
@Entity({ name: 'connectors' })
export class Connector {
  @PrimaryGeneratedColumn({ name: 'pk' })
  pk: number;

  @Column({ name: 'evse_pk', type: 'integer' })
  evsePk: number;

  @Column({ name: 'station_pk', type: 'integer' })
  stationPk: number;

  @Column({ name: 'connector_id', type: 'varchar', length: 8 })
  connectorId: string;

  @Column({ type: 'varchar', length: 24 })
  standard: ConnectorStandard;

  @Column({ type: 'varchar', length: 8 })
  format: ConnectorFormat;

  @Column({ name: 'power_type', type: 'varchar', length: 12 })
  powerType: PowerType;

  @Column({ type: 'integer' })
  voltage: number;

  @Column({ type: 'integer' })
  amperage: number;

  @Column({ name: 'max_electric_power', type: 'integer', nullable: true })
  maxElectricPower: number | null;

  @Column({ name: 'tariff_id', type: 'varchar', length: 36, nullable: true })
  tariffId: string | null;

  @Column({ name: 'reimbursement_tariff_id', type: 'varchar', length: 36, nullable: true })
  reimbursementTariffId: string | null;

  @Column({ name: 'terms_and_conditions', type: 'varchar', length: 2048, nullable: true })
  termsAndConditions: string | null;

  @Column({ name: 'last_updated', type: 'bigint', transformer: epochMs })
  lastUpdated: number;

  /** The last OCPP StatusNotification of this connector (written by the gateway only). */
  @Column({ name: 'ocpp_status', type: 'varchar', length: 16, nullable: true })
  ocppStatus: OcppConnectorStatus | null;

  @Column({ name: 'ocpp_error_code', type: 'varchar', length: 32, nullable: true })
  ocppErrorCode: string | null;

  @Column({ name: 'ocpp_info', type: 'varchar', length: 64, nullable: true })
  ocppInfo: string | null;

  @Column({ name: 'ocpp_status_at', type: 'bigint', nullable: true, transformer: epochMs })
  ocppStatusAt: number | null;
}
