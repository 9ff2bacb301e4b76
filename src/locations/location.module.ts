import { Module } from '@nestjs/common';
import { ChargeStationModule } from '../charge-stations/charge-station.module.js';
import { LocationController } from './location.controller.js';
import { LocationRepositoryModule } from './location.repository.js';
import { LocationService } from './location.service.js';

@Module({
  imports: [ChargeStationModule, LocationRepositoryModule],
  controllers: [LocationController],
  providers: [LocationService],
})
export class LocationModule {}
