import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module.js';
import { EnvelopeExceptionFilter } from './common/exception.filter.js';
import { rateLimitProviders } from './common/throttle.js';
import { RequestValidationPipe } from './common/validation/validation.pipe.js';
import type { Settings } from './settings/settings.js';
import { SettingsModule } from './settings/settings.module.js';
import type { DataSourceOptions } from 'typeorm';
import { dataSourceOptions, initializeDataSource } from './database/data-source.js';
import { HealthModule } from './health/health.module.js';
import { LocationModule } from './locations/location.module.js';
import { OcppModule } from './ocpp/ocpp.module.js';
import { ChargeStationModule } from './charge-stations/charge-station.module.js';
import { EventModule } from './events/event.module.js';
import { WebhookModule } from './webhooks/webhook.module.js';
import { EvseModule } from './evses/evse.module.js';
import { HardwareTemplateModule } from './hardware-templates/hardware-template.module.js';
import { StationConfigModule } from './station-config/station-config.module.js';

@Module({})
export class AppModule {
  static register(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.register(settings),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(settings), retryAttempts: 3, retryDelay: 2000 }),
          dataSourceFactory: (options) => initializeDataSource(options as DataSourceOptions),
        }),
        AuthModule,
        HealthModule,
        LocationModule,
        ChargeStationModule,
        EvseModule,
        EventModule,
        WebhookModule,
        HardwareTemplateModule,
        OcppModule,
        StationConfigModule,
      ],
      providers: [
        ...rateLimitProviders(settings.rateLimitPerMinute),
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        { provide: APP_FILTER, useClass: EnvelopeExceptionFilter },
      ],
    };
  }
}
