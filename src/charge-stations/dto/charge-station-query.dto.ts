import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../common/pagination.js';
import { OneOf, queryBoolean } from '../../common/validation/validators.js';
import { DEPLOY_STATES, type DeployState } from '../charge-station.types.js';

export class ChargeStationListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only stations of this CPO (one of the token\'s), e.g. `ACME`' })
  @IsOptional()
  @MaxLength(36)
  @IsString()
  cpoId?: string;

  @ApiPropertyOptional({ description: 'Only stations at this location, e.g. `LOC-AMS-0042`' })
  @IsOptional()
  @MaxLength(36)
  @IsString()
  location_id?: string;

  @ApiPropertyOptional({ enum: DEPLOY_STATES, enumName: 'DeployState' })
  @IsOptional()
  @OneOf(DEPLOY_STATES)
  deploy_state?: DeployState;

  @ApiPropertyOptional({
    description: 'Filter date_from/date_to on `modified` (the station\'s own fields) instead of `last_updated` (which also moves with EVSE definitions)',
    default: false,
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '$property must be true or false' })
  exclude_evses_modified?: boolean;
}
