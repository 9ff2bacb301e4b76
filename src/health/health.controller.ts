import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/principal.js';
import { ApiError, StatusCode } from '../common/api-error.js';
import { ErrorEnvelope } from '../common/envelope.js';
import { envelopeOf } from '../common/swagger.js';
import { HealthDto } from './health.dto.js';

@ApiTags('Health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({
    operationId: 'Health_Live', summary: 'Liveness: the process answers',
    description: 'Answers 200 while the process runs, without touching the database. No token; not rate-limited.',
    security: [],
  })
  @ApiResponse({ status: 200, description: 'The process is up', type: envelopeOf(HealthDto) })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    operationId: 'Health_Ready', summary: 'Readiness: the database is reachable',
    description: 'Pings the database (2 s timeout): 200 when it answers, 503 with `Retry-After` when not. No token; not rate-limited.',
    security: [],
  })
  @ApiResponse({ status: 200, description: 'The database answered', type: envelopeOf(HealthDto) })
  @ApiResponse({ status: 503, description: 'Database unreachable', type: ErrorEnvelope })
  async ready(): Promise<HealthDto> {
    try {
      await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
    } catch {
      throw new ApiError(503, StatusCode.SERVER_ERROR, 'The database is unreachable', [], { 'Retry-After': '5' });
    }
    return { status: 'ok', database: 'up' };
  }
}
