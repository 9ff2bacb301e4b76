import { Module } from '@nestjs/common';
import { EventModule } from '../events/event.module.js';
import { HardwareTemplateModule } from '../hardware-templates/hardware-template.module.js';
import { LocationRepositoryModule } from '../locations/location.repository.js';
import { ChargeStationController } from './charge-station.controller.js';
import { ChargeStationRepository } from './charge-station.repository.js';
import { ChargeStationService } from './charge-station.service.js';
import { StationReadModel } from './read-model/station-read-model.js';

@Module({
  imports: [EventModule, HardwareTemplateModule, LocationRepositoryModule],
  controllers: [ChargeStationController],
  providers: [ChargeStationService, ChargeStationRepository, StationReadModel],
  exports: [ChargeStationService, ChargeStationRepository],
})
export class ChargeStationModule {}
