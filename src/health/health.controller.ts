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
  @ApiOperation({ operationId: 'Health_Live', summary: 'Liveness: the process answers', security: [] })
  @ApiResponse({ status: 200, type: envelopeOf(HealthDto) })
  live(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'Health_Ready', summary: 'Readiness: the database is reachable', security: [] })
  @ApiResponse({ status: 200, type: envelopeOf(HealthDto) })
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
