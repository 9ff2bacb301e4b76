import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { ChargeStationService } from '../charge-stations/charge-station.service.js';
import { RawBody } from '../common/raw-body.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { configurationCsv, CSV_CONTENT_TYPE } from './configuration-csv.js';
import type { StationConfigurationDto } from './dto/station-configuration.dto.js';
import { toStationConfigurationDto } from './station-configuration.mapper.js';

/**
 * Reads station configurations (SPEC §7). Nothing here writes: the configuration is the OCPP
 * gateway's to fill.
 */
@Injectable()
export class StationConfigService {
  constructor(
    private readonly stations: ChargeStationService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /** The configuration of a station the token may see; otherwise 404. */
  async get(principal: Principal, chargeStationId: string): Promise<StationConfigurationDto> {
    return toStationConfigurationDto(await this.stations.loadVisible(principal, chargeStationId), this.settings);
  }

  /** The same configuration in GreenFlux's CSV form: one row per configuration key. */
  async getCsv(principal: Principal, chargeStationId: string): Promise<RawBody> {
    const configuration = await this.get(principal, chargeStationId);
    return new RawBody(CSV_CONTENT_TYPE, configurationCsv(configuration.charge_station_id, configuration.configuration_keys));
  }
}
