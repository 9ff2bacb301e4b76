import { ocpiErrors } from '../../../test/ocpi/ocpi-schemas.js';
import { ocpiStatus, ocpiSuccess, readOcpiAnswer } from './ocpi-response.js';
import { OcpiStatus } from './ocpi-status.js';

const NOW = new Date('2026-11-02T09:30:00.123Z');

describe('the OCPI response envelope', () => {
  it('a success carries data, 1000, a message and the time in UTC', () => {
    const response = ocpiSuccess([{ version: '2.2.1', url: 'https://cs.example/ocpi/2.2.1' }], NOW);
    expect(response).toEqual({
      data: [{ version: '2.2.1', url: 'https://cs.example/ocpi/2.2.1' }],
      status_code: 1000,
      status_message: 'Success',
      timestamp: '2026-11-02T09:30:00.123Z',
    });
    expect(ocpiErrors('response', response)).toEqual([]);
  });

  it.each([
    [OcpiStatus.INVALID_PARAMETERS, 'Invalid date_from'],
    [OcpiStatus.UNKNOWN_LOCATION, 'Unknown location LOC-1'],
    [OcpiStatus.UNABLE_TO_USE_CLIENT_API, 'Could not fetch the versions of the partner'],
    [OcpiStatus.NO_MATCHING_ENDPOINTS, 'No version 2.2.1 in common'],
  ])('an error %i leaves data out', (code, message) => {
    const response = ocpiStatus(code, message, NOW);
    expect(response).toEqual({ status_code: code, status_message: message, timestamp: '2026-11-02T09:30:00.123Z' });
    expect(response).not.toHaveProperty('data');
    expect(ocpiErrors('response', response)).toEqual([]);
  });

  it('the current time by default', () => {
    const before = Date.now();
    const { timestamp } = ocpiSuccess(null);
    expect(Date.parse(timestamp)).toBeGreaterThanOrEqual(before);
    expect(timestamp.endsWith('Z')).toBe(true);
  });
});

describe('readOcpiAnswer: what a partner answered', () => {
  it('a 1xxx answer is a success, with its data', () => {
    expect(readOcpiAnswer({ data: { ok: 1 }, status_code: 1000, timestamp: '2026-11-02T09:30:00Z' })).toEqual({
      ok: true,
      statusCode: 1000,
      statusMessage: undefined,
      data: { ok: 1 },
    });
    expect(readOcpiAnswer({ status_code: 1900, status_message: 'Custom OK', timestamp: '2026-11-02T09:30:00Z' })).toEqual(
      expect.objectContaining({ ok: true, statusCode: 1900, statusMessage: 'Custom OK' }),
    );
  });

  it.each([
    [{ status_code: 2001, status_message: 'Missing field: last_updated' }, 2001, 'status_code 2001: Missing field: last_updated'],
    [{ status_code: 3000 }, 3000, 'status_code 3000'],
    [{ status_code: '1000' }, undefined, 'the answer has no integer status_code'],
    [{ data: [] }, undefined, 'the answer has no integer status_code'],
    [[], undefined, 'the answer is not an OCPI response object'],
    ['OK', undefined, 'the answer is not an OCPI response object'],
    [null, undefined, 'the answer is not an OCPI response object'],
  ])('%j is a failure', (body, statusCode, reason) => {
    expect(readOcpiAnswer(body)).toEqual(expect.objectContaining({ ok: false, statusCode, reason }));
  });
});
