import { ocpiAuthorization, ocpiTokenCandidates } from './ocpi-authorization.js';

describe('Authorization: Token <base64(token)>', () => {
  it.each([
    ['example-token', 'Token ZXhhbXBsZS10b2tlbg=='],
    ['ebf3b399-779f-4497-9b9d-ac6ad3cc44d2', 'Token ZWJmM2IzOTktNzc5Zi00NDk3LTliOWQtYWM2YWQzY2M0NGQy'],
    ['tökén', 'Token dMO2a8Opbg=='],
  ])('%s is sent as %s', (token, header) => {
    expect(ocpiAuthorization(token)).toBe(header);
    expect(ocpiTokenCandidates(header)[0]).toBe(token);
  });

  it('the specification’s example header (Base64 of "example-token\\n") stands for example-token', () => {
    expect(ocpiTokenCandidates('Token ZXhhbXBsZS10b2tlbgo=')).toEqual(['example-token', 'ZXhhbXBsZS10b2tlbgo=']);
  });

  it('a raw token is accepted in', () => {
    expect(ocpiTokenCandidates('Token cs_4f9b-raw.token')).toEqual(['cs_4f9b-raw.token']);
    expect(ocpiTokenCandidates('Token ebf3b399-779f-4497-9b9d-ac6ad3cc44d2')).toEqual(['ebf3b399-779f-4497-9b9d-ac6ad3cc44d2']);
  });

  it('a raw token that is also valid Base64 is found as itself too', () => {
    const raw = 'abcdefgh';
    expect(ocpiTokenCandidates(`Token ${raw}`)).toContain(raw);
  });

  it('Base64 of bytes that are not printable UTF-8 is no decoded candidate', () => {
    expect(ocpiTokenCandidates('Token //79/A==')).toEqual(['//79/A==']);
    expect(ocpiTokenCandidates(`Token ${Buffer.from('a\u0000b').toString('base64')}`)).toEqual(['YQBi']);
  });

  it.each([undefined, '', 'Token', 'Token ', 'Bearer ZXhhbXBsZS10b2tlbg==', 'Basic dXNlcjpwYXNz', 'Token a b', 'TokenZXhh'])(
    '%j names no token',
    (header) => {
      expect(ocpiTokenCandidates(header)).toEqual([]);
    },
  );

  it('the scheme is case-insensitive and surrounding blanks are allowed', () => {
    expect(ocpiTokenCandidates('token  ZXhhbXBsZS10b2tlbg== ')[0]).toBe('example-token');
  });
});
