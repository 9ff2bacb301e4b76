import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AuthGuard } from './auth.guard.js';
import { Tokens } from './tokens.js';

@Global()
@Module({
  providers: [
    { provide: Tokens, inject: [DataSource], useFactory: (dataSource: DataSource) => new Tokens(dataSource) },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Tokens],
})
export class AuthModule {}
