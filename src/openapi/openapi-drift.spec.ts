import { readFileSync } from 'node:fs';
import { generateOpenApiJson, OPENAPI_PATH } from './generate.js';

describe('openapi/openapi.json', () => {
  it('is exactly what the code generates (run `npm run openapi` after changing the API)', async () => {
    const generated = await generateOpenApiJson();
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    expect(committed).toBe(generated);
  });

  it('documents the token scheme, envelopes per resource and error responses', async () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    expect(document.components.securitySchemes.Token).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(['LocationEnvelope', 'LocationListEnvelope', 'ErrorEnvelope', 'LocationType', 'Facility']),
    );
    const put = document.paths['/api/2.0/Locations/{locationId}'].put;
    expect(put.operationId).toBe('Locations_PutLocation');
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '412', '428']));
    expect(put.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
  });

  /**
   * SPEC §2: clients generated from GreenFlux's document call these methods, so every operation
   * GreenFlux also has carries its id exactly (the configuration values id is misspelt there too).
   */
  it.each([
    ['get', '/api/2.0/Locations', 'Locations_GetAllLocations'],
    ['post', '/api/2.0/Locations', 'Locations_CreateLocation'],
    ['get', '/api/2.0/Locations/{locationId}', 'Locations_GetLocationById'],
    ['put', '/api/2.0/Locations/{locationId}', 'Locations_PutLocation'],
    ['patch', '/api/2.0/Locations/{locationId}', 'Locations_PatchLocation'],
    ['get', '/api/1.0/ChargeStations', 'ChargeStations_GetAllChargeStations'],
    ['post', '/api/1.0/ChargeStations', 'ChargeStations_CreateChargeStation'],
    ['get', '/api/1.0/ChargeStations/{chargeStationId}', 'ChargeStations_GetChargeStationById'],
    ['put', '/api/1.0/ChargeStations/{chargeStationId}', 'ChargeStations_PutChargeStationById'],
    ['patch', '/api/1.0/ChargeStations/{chargeStationId}', 'ChargeStations_PatchChargeStationById'],
    ['get', '/api/1.0/ChargeStations/ChargestationTemplate', 'ChargeStations_GetChargeStationTemplate'],
    ['post', '/api/1.0/ChargeStations/ChargestationTemplate', 'ChargeStations_CreateChargeStationTemplate'],
    ['get', '/api/1.0/chargestationconfigurations/{chargeStationId}', 'ChargeStationConfigurations_GetChargeStationCofigurationValues'],
  ])('%s %s is GreenFlux\'s %s', (method, path, operationId) => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    expect(document.paths[path]?.[method]?.operationId).toBe(operationId);
  });

  it('names every operation Tag_VerbNoun, each id once', () => {
    const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    const ids = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((o) => o.operationId));
    expect(ids.filter((id) => !/^[A-Z][A-Za-z]+_[A-Z][A-Za-z]+$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
