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
    expect(put.operationId).toBe('Locations_UpsertLocation');
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '201', '400', '401', '403', '412', '428']));
    expect(put.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
  });
});
