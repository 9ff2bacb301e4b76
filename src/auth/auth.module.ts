import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenRepository } from './api-token.repository.js';
import { AuthGuard } from './auth.guard.js';
import { CpoRepository } from './cpo.repository.js';

/** Authentication for every route (the guard) and the repositories of who may call: CPOs and their API tokens. */
@Global()
@Module({
  providers: [ApiTokenRepository, CpoRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ApiTokenRepository, CpoRepository],
})
export class AuthModule {}
