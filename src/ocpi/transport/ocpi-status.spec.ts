import { OcpiStatus, isOcpiSuccess } from './ocpi-status.js';

describe('OCPI status codes', () => {
  it('are the codes of status_codes.asciidoc', () => {
    expect(OcpiStatus).toEqual({
      SUCCESS: 1000,
      CLIENT_ERROR: 2000,
      INVALID_PARAMETERS: 2001,
      NOT_ENOUGH_INFORMATION: 2002,
      UNKNOWN_LOCATION: 2003,
      UNKNOWN_TOKEN: 2004,
      SERVER_ERROR: 3000,
      UNABLE_TO_USE_CLIENT_API: 3001,
      UNSUPPORTED_VERSION: 3002,
      NO_MATCHING_ENDPOINTS: 3003,
    });
  });

  it.each([
    [1000, true],
    [1999, true],
    [1901, true],
    [2000, false],
    [2001, false],
    [3001, false],
    [4001, false],
    [999, false],
    [200, false],
    ['1000', false],
    [1000.5, false],
    [undefined, false],
  ])('%j is a success: %s', (code, success) => {
    expect(isOcpiSuccess(code)).toBe(success);
  });
});
