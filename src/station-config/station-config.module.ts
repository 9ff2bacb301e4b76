import { Module } from '@nestjs/common';
import { ChargeStationModule } from '../charge-stations/charge-station.module.js';
import { StationConfigController } from './station-config.controller.js';
import { StationConfigService } from './station-config.service.js';

/** The card's "Config" module: each station's charger configuration, read-only over REST. */
@Module({
  imports: [ChargeStationModule],
  controllers: [StationConfigController],
  providers: [StationConfigService],
})
export class StationConfigModule {}
