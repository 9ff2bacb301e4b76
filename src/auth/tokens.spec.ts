import { generateToken, hashToken, tokenCandidates } from './tokens.js';

const TOKEN = 'cs_Wq3vJ0-xY_8kZpLr2mN4bT6cD1eF5gH7iK9oQsUaVw';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('tokenCandidates', () => {
  it.each([
    ['Token', `Token ${TOKEN}`],
    ['token (lower case)', `token ${TOKEN}`],
    ['TOKEN (upper case)', `TOKEN ${TOKEN}`],
    ['Bearer', `Bearer ${TOKEN}`],
    ['bearer (lower case)', `bearer ${TOKEN}`],
    ['BeArEr (mixed case)', `BeArEr ${TOKEN}`],
    ['several spaces after the scheme', `Token    ${TOKEN}`],
    ['a tab after the scheme', `Token\t${TOKEN}`],
    ['trailing spaces', `Token ${TOKEN}   `],
  ])('takes the raw token from %s', (_label, header) => {
    expect(tokenCandidates(header)).toEqual([TOKEN]);
  });

  it.each([
    ['Token', 'Token'],
    ['Bearer', 'Bearer'],
    ['token', 'token'],
  ])('Base64 of the token after %s gives the encoded text and the decoded token', (_label, scheme) => {
    const encoded = base64(TOKEN);
    expect(encoded).not.toBe(TOKEN);
    expect(tokenCandidates(`${scheme} ${encoded}`)).toEqual([encoded, TOKEN]);
  });

  it('decodes Base64 with padding', () => {
    const token = 'cs_abcd'; // 7 bytes → one '=' of padding
    const encoded = base64(token);
    expect(encoded.endsWith('=')).toBe(true);
    expect(tokenCandidates(`Token ${encoded}`)).toEqual([encoded, token]);
  });

  it('does not offer a decoded candidate when the Base64 decodes to non-printable bytes', () => {
    const encoded = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x10]).toString('base64');
    expect(tokenCandidates(`Token ${encoded}`)).toEqual([encoded]);
  });

  it('does not offer a decoded candidate for text that is not Base64 (wrong length)', () => {
    expect(tokenCandidates('Token abcde')).toEqual(['abcde']);
  });

  it.each([
    ['missing header', undefined],
    ['empty header', ''],
    ['scheme only', 'Token'],
    ['scheme and spaces only', 'Token   '],
    ['Basic', `Basic ${base64(`user:${TOKEN}`)}`],
    ['Digest', `Digest username="x"`],
    ['unknown scheme', `ApiKey ${TOKEN}`],
    ['scheme glued to the token', `Token${TOKEN}`],
    ['token without a scheme', TOKEN],
    ['two tokens', `Token ${TOKEN} other`],
    ['two schemes', `Bearer Token ${TOKEN}`],
  ])('%s → no candidates', (_label, header) => {
    expect(tokenCandidates(header)).toEqual([]);
  });
});

describe('hashToken', () => {
  it('is 64 lower-case hex characters (SHA-256)', () => {
    expect(hashToken(TOKEN)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the SHA-256 of the UTF-8 token', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is deterministic', () => {
    expect(hashToken(TOKEN)).toBe(hashToken(TOKEN));
  });

  it('differs per token, including by case and by one character', () => {
    const hashes = new Set([TOKEN, TOKEN.toUpperCase(), `${TOKEN}x`, TOKEN.slice(0, -1)].map(hashToken));
    expect(hashes.size).toBe(4);
  });

  it('never contains the token', () => {
    expect(hashToken(TOKEN)).not.toContain(TOKEN);
  });
});

describe('generateToken', () => {
  it('starts with cs_ followed by 256 bits of URL-safe Base64 (43 characters)', () => {
    const token = generateToken();
    expect(token).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
  });

  it('is URL-safe: survives encodeURIComponent unchanged and has no padding', () => {
    for (let i = 0; i < 200; i++) {
      const token = generateToken();
      expect(encodeURIComponent(token)).toBe(token);
      expect(token).not.toMatch(/[+/=]/);
    }
  });

  it('is unique', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()));
    expect(tokens.size).toBe(1000);
  });

  it('is resolved from a Token header, raw or Base64-encoded', () => {
    const token = generateToken();
    expect(tokenCandidates(`Token ${token}`)).toContain(token);
    expect(tokenCandidates(`Token ${base64(token)}`)).toContain(token);
    expect(tokenCandidates(`Bearer ${base64(token)}`).map(hashToken)).toContain(hashToken(token));
  });
});
