import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvseDto } from '../../evses/dto/evse.dto.js';
import {
  AuthRuleDto,
  BusinessDetailsDto,
  CustomGroupDto,
  CustomisedFieldDto,
  DisplayTextDto,
  EnergyMixDto,
  GeoLocationDto,
  HoursDto,
} from '../../common/ocpi/ocpi.dto.js';
import {
  ACCESS_TYPES,
  FACILITIES,
  LOCATION_TYPES,
  type AccessType,
  type Facility,
  type LocationType,
} from '../../common/ocpi/ocpi.types.js';

/** A Location as the API answers it (SPEC §3). Every key is always present; absent values are null. */
export class LocationDto {
  @ApiProperty({ example: 'LOC-AMS-0042' })
  id: string;

  @ApiProperty({ example: 'ACME' })
  cpo_id: string;

  @ApiProperty({ enum: LOCATION_TYPES, enumName: 'LocationType', example: 'PARKING_LOT' })
  type: LocationType;

  @ApiProperty({ example: 'Central Station P1' })
  name: string;

  @ApiProperty({ example: 'Stationsplein 1' })
  address: string;

  @ApiProperty({ type: String, nullable: true })
  address_line_2: string | null;

  @ApiProperty({ example: 'Amsterdam' })
  city: string;

  @ApiProperty({ example: '1012AB' })
  postal_code: string;

  @ApiProperty({ type: String, nullable: true })
  state: string | null;

  @ApiProperty({ example: 'NLD' })
  country: string;

  @ApiProperty({ type: GeoLocationDto, nullable: true })
  coordinates: GeoLocationDto | null;

  @ApiProperty({ example: true })
  publish: boolean;

  @ApiPropertyOptional({
    readOnly: true,
    description: 'All EVSEs of the stations at this location; left out with exclude_evses / excludeEvses.',
    type: [EvseDto],
  })
  evses?: EvseDto[];

  @ApiProperty({ type: [DisplayTextDto], nullable: true })
  directions: DisplayTextDto[] | null;

  @ApiProperty({ type: BusinessDetailsDto, readOnly: true, description: 'From the CPO' })
  operator: BusinessDetailsDto;

  @ApiProperty({ type: BusinessDetailsDto, nullable: true, readOnly: true })
  suboperator: BusinessDetailsDto | null;

  @ApiProperty({ type: BusinessDetailsDto, nullable: true, readOnly: true })
  owner: BusinessDetailsDto | null;

  @ApiProperty({ enum: FACILITIES, enumName: 'Facility', isArray: true, nullable: true })
  facilities: Facility[] | null;

  @ApiProperty({ type: String, nullable: true, example: 'Europe/Amsterdam' })
  time_zone: string | null;

  @ApiProperty({ type: HoursDto, nullable: true })
  opening_times: HoursDto | null;

  @ApiProperty({ type: String, nullable: true })
  remarks: string | null;

  @ApiProperty({ type: String, nullable: true })
  maintenance_info: string | null;

  @ApiProperty({ type: String, nullable: true })
  cpo_customer_external_id: string | null;

  @ApiProperty({ enum: ACCESS_TYPES, enumName: 'AccessType', nullable: true })
  access_type: AccessType | null;

  @ApiProperty({ type: [AuthRuleDto], nullable: true })
  auth_rules: AuthRuleDto[] | null;

  @ApiProperty({ type: EnergyMixDto, nullable: true })
  energy_mix: EnergyMixDto | null;

  @ApiProperty({ type: String, nullable: true })
  payment_provider: string | null;

  @ApiProperty({ type: String, nullable: true })
  wallet_id: string | null;

  @ApiProperty({ type: [CustomGroupDto], nullable: true })
  custom_groups: CustomGroupDto[] | null;

  @ApiProperty({ type: [CustomisedFieldDto], nullable: true })
  customised_fields: CustomisedFieldDto[] | null;

  @ApiProperty({ example: 'Not Provided' })
  created_by: string;

  @ApiProperty({ example: 'Not Provided' })
  modified_by: string;

  @ApiProperty({ readOnly: true, format: 'uuid', description: 'Changes on every change of the location; also the ETag header' })
  etag: string;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  created: string;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  modified: string;

  @ApiProperty({ readOnly: true, format: 'date-time' })
  last_updated: string;
}
