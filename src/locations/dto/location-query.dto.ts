import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ListQueryDto } from '../../common/pagination.js';
import { queryBoolean } from '../../common/validation/validators.js';


export class LocationListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only locations of this CPO (one of the token\'s), e.g. `ACME`' })
  @IsOptional()
  @MaxLength(36)
  @IsString()
  cpoId?: string;

  @ApiPropertyOptional({ description: 'Only locations in this country (ISO 3166-1 alpha-3), e.g. `NLD`' })
  @IsOptional()
  @MaxLength(3)
  @IsString()
  country?: string;

  @ApiPropertyOptional({ description: 'Only locations in this city, e.g. `Amsterdam`' })
  @IsOptional()
  @MaxLength(45)
  @IsString()
  city?: string;

  @ApiPropertyOptional({ description: 'Only locations with this postal code, e.g. `1012AB`' })
  @IsOptional()
  @MaxLength(10)
  @IsString()
  postcode?: string;

  @ApiPropertyOptional({ description: 'Leave out each location\'s `evses`', default: false })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '$property must be true or false' })
  exclude_evses?: boolean;

  @ApiPropertyOptional({ description: 'With `longitude`: only locations within `distanceinmeters`, e.g. `52.37403`' })
  @IsOptional()
  @Type(() => Number)
  @Min(-90)
  @Max(90)
  @IsNumber({}, { message: '$property must be a number' })
  latitude?: number;

  @ApiPropertyOptional({ description: 'With `latitude`, e.g. `4.88969`' })
  @IsOptional()
  @Type(() => Number)
  @Min(-180)
  @Max(180)
  @IsNumber({}, { message: '$property must be a number' })
  longitude?: number;

  @ApiPropertyOptional({ description: 'Radius of the latitude/longitude search', minimum: 100, maximum: 1000, default: 100, type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @Min(100)
  @Max(1000)
  @IsInt({ message: '$property must be a whole number' })
  distanceinmeters?: number;
}

export class LocationGetQueryDto {
  @ApiPropertyOptional({ description: 'Leave out the location\'s `evses`', default: false })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: '$property must be true or false' })
  excludeEvses?: boolean;
}
