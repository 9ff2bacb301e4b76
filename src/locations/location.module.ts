import { Module } from '@nestjs/common';
import { ChargeStationModule } from '../charge-stations/charge-station.module.js';
import { LocationController } from './location.controller.js';
import { LocationService } from './location.service.js';

@Module({
  imports: [ChargeStationModule],
  controllers: [LocationController],
  providers: [LocationService],
  exports: [LocationService],
})
export class LocationModule {}
