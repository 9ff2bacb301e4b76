import { Module } from '@nestjs/common';
import { ChargerState } from './charger-state.js';
import { OcppGateway } from './ocpp.gateway.js';

@Module({
  providers: [ChargerState, OcppGateway],
  exports: [OcppGateway],
})
export class OcppModule {}
