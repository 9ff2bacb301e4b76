import { Module } from '@nestjs/common';
import { ChargeStationModule } from '../charge-stations/charge-station.module.js';
import { ChargerState } from './charger-state.js';
import { ConnectivitySweeper } from './connectivity.sweeper.js';
import { OcppGateway } from './ocpp.gateway.js';

@Module({
  imports: [ChargeStationModule],
  providers: [ChargerState, ConnectivitySweeper, OcppGateway],
  exports: [OcppGateway],
})
export class OcppModule {}
