import { Module } from '@nestjs/common';
import { ChargeStationController } from './charge-station.controller.js';
import { ChargeStationService } from './charge-station.service.js';
import { StationStore } from './station.store.js';

@Module({
  controllers: [ChargeStationController],
  providers: [ChargeStationService, StationStore],
  exports: [ChargeStationService, StationStore],
})
export class ChargeStationModule {}
