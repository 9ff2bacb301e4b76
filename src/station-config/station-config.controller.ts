import { Controller, Get, Header, Headers, Param } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiResponse, ApiSecurity, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../auth/principal.js';
import type { RawBody } from '../common/raw-body.js';
import { ApiErrorResponses, envelopeOf } from '../common/swagger.js';
import { prefersCsv } from './content-negotiation.js';
import { StationConfigurationDto } from './dto/station-configuration.dto.js';
import { StationConfigService } from './station-config.service.js';

const CONFIGURATION_ENVELOPE = envelopeOf(StationConfigurationDto);

const CSV_EXAMPLE =
  'ChargeStationId,Key,Value\r\n' +
  'CS-0001,HeartbeatInterval,300\r\n' +
  'CS-0001,MeterValuesSampledData,"Energy.Active.Import.Register,Power.Active.Import"\r\n' +
  'CS-0001,AuthorizationKey,\r\n';

@ApiTags('ChargeStationConfigurations')
@ApiSecurity('Token')
@Controller('api/1.0/chargestationconfigurations')
export class StationConfigController {
  constructor(private readonly configurations: StationConfigService) {}

  @Get(':chargeStationId')
  @Header('Vary', 'Accept')
  @ApiOperation({
    operationId: 'ChargeStationConfigurations_GetChargeStationCofigurationValues',
    summary: 'Get the configuration of a charge station',
    description:
      'What the charger reported over OCPP (BootNotification, Heartbeat, GetConfiguration), read-only: no REST call writes it. ' +
      'Before a charger has connected every field shows its default: `heartbeat_interval` the configured default, ' +
      '`connectivity_status` Offline, `remote_manageable` false, `protocol_version` and the vendor/serial fields null, ' +
      '`endpoint` the configured OCPP URL, `configuration_keys` empty.\n\n' +
      '`Accept: text/csv` answers GreenFlux\'s CSV form instead, without the envelope: the header line `ChargeStationId,Key,Value`, ' +
      'then one row per configuration key (RFC 4180: CRLF line ends, values with a comma, quote or line break quoted, ' +
      'a null value empty). Errors are always the JSON envelope.',
  })
  @ApiParam({ name: 'chargeStationId', description: 'The OCPP identity (case-insensitive)' })
  @ApiExtraModels(CONFIGURATION_ENVELOPE)
  @ApiResponse({
    status: 200,
    description: 'The configuration: JSON in the envelope, or CSV when `Accept: text/csv` prefers it',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(CONFIGURATION_ENVELOPE) } },
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
    },
  })
  @ApiErrorResponses(404)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('chargeStationId') chargeStationId: string,
    @Headers('accept') accept: string | undefined,
  ): Promise<StationConfigurationDto | RawBody> {
    return prefersCsv(accept) ? this.configurations.getCsv(principal, chargeStationId) : this.configurations.get(principal, chargeStationId);
  }
}
