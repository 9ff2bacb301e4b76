import { Module } from '@nestjs/common';
import { HardwareTemplateModule } from '../hardware-templates/hardware-template.module.js';
import { ChargeStationController } from './charge-station.controller.js';
import { ChargeStationService } from './charge-station.service.js';
import { StationStore } from './station.store.js';

@Module({
  imports: [HardwareTemplateModule],
  controllers: [ChargeStationController],
  providers: [ChargeStationService, StationStore],
  exports: [ChargeStationService, StationStore],
})
export class ChargeStationModule {}
