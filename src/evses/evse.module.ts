import { Module } from '@nestjs/common';
import { ChargeStationModule } from '../charge-stations/charge-station.module.js';
import { EvseController } from './evse.controller.js';
import { EvseService } from './evse.service.js';

@Module({
  imports: [ChargeStationModule],
  controllers: [EvseController],
  providers: [EvseService],
})
export class EvseModule {}
