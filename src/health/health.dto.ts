import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status: 'ok';

  @ApiPropertyOptional({ example: 'up', description: 'Only on /health/ready' })
  database?: 'up';
}
