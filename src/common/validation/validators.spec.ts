import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { ChargeStationPatchDto } from '../../charge-stations/dto/charge-station-write.dto.js';
import { ConnectorPatchDto, ConnectorWriteDto } from '../../evses/dto/connector.dto.js';
import { EvsePatchDto } from '../../evses/dto/evse.dto.js';
import { ApiError } from '../api-error.js';
import { RequestValidationPipe } from './validation.pipe.js';

/**
 * Null in a write body (issue 15): absent and null are different things. Optional fields without a
 * "cleared" state refuse null; nullable fields take it; every PATCH DTO validates null instead of
 * skipping it. Through the real pipe and DTOs, as a request body arrives.
 */
const pipe = new RequestValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function outcome(value: object, metatype: ArgumentMetadata['metatype']): Promise<string> {
  try {
    await pipe.transform(value, body(metatype));
    return 'accepted';
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  }
}

const connector = { id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', voltage: 230, amperage: 32 };
const { id: _id, ...connectorPatch } = connector;

describe('null in a write body', () => {
  it.each([
    ['an optional id left out', { ...connectorPatch }, 'accepted'],
    ['an optional id null (OptionalNotNull)', { ...connector, id: null }, 'id: id cannot be null; leave it out instead'],
    ['an optional id of another type, still validated', { ...connector, id: 1 }, 'id: id must be a string'],
    ['a required field left out', { ...connector, format: undefined }, 'format: format is required'],
    ['a required field null', { ...connector, format: null }, 'format: format is required and cannot be null'],
    ['a nullable field null (a legal "clear")', { ...connector, max_electric_power: null, tariff_id: null }, 'accepted'],
  ])('full write body, %s', async (_case, value, expected) => {
    expect(await outcome(value, ConnectorWriteDto)).toBe(expected);
  });

  it.each([
    ['a required field left out', { amperage: 16 }, 'accepted'],
    ['a required field null', { format: null }, 'format: format is required and cannot be null'],
    ['each required field null', { standard: null, power_type: null }, 'standard: standard is required and cannot be null; power_type: power_type is required and cannot be null'],
    ['a nullable field null', { tariff_id: null, terms_and_conditions: null }, 'accepted'],
  ])('connector PATCH, %s', async (_case, value, expected) => {
    expect(await outcome(value, ConnectorPatchDto)).toBe(expected);
  });

  it.each([
    ['uid null', { uid: null }, 'uid: uid cannot be null; leave it out instead'],
    ['evse_sequence_number null', { evse_sequence_number: null }, 'evse_sequence_number: evse_sequence_number cannot be null; leave it out instead'],
    ['status null', { status: null }, 'status: status cannot be null; leave it out instead'],
    ['connectors null', { connectors: null }, 'connectors: connectors is required and cannot be null'],
    ['connectors[0].format null', { connectors: [{ ...connector, format: null }] }, 'connectors[0].format: format is required and cannot be null'],
    ['directions null (cleared)', { directions: null, coordinates: null }, 'accepted'],
  ])('EVSE PATCH, %s', async (_case, value, expected) => {
    expect(await outcome(value, EvsePatchDto)).toBe(expected);
  });

  it.each([
    ['location_id null', { location_id: null }, 'location_id: location_id is required and cannot be null'],
    ['name null (cleared)', { name: null }, 'accepted'],
    ['evses sent', { evses: [] }, 'evses: evses cannot be patched here; use PUT of the station or the EVSE endpoints'],
    ['evses null', { evses: null }, 'evses: evses cannot be patched here; use PUT of the station or the EVSE endpoints'],
    [
      'charge_station_template_id null',
      { charge_station_template_id: null },
      'charge_station_template_id: charge_station_template_id cannot be patched here; use PUT of the station or the EVSE endpoints',
    ],
  ])('station PATCH, %s', async (_case, value, expected) => {
    expect(await outcome(value, ChargeStationPatchDto)).toBe(expected);
  });
});
