/**
 * OCPI 2.2.1 `Authorization: Token <encoded token>` (transport_and_format.asciidoc): the
 * credentials token, UTF-8, Base64 (RFC 4648 §4). OCPI 2.1.1 and many 2.2 implementations send the
 * token as it is, so an incoming header may carry either (SPEC §11: a raw token is also accepted).
 */

/** The header value for a call to a partner with its credentials token. */
export function ocpiAuthorization(token: string): string {
  return `Token ${Buffer.from(token, 'utf8').toString('base64')}`;
}

const TOKEN_HEADER = /^Token[ \t]+(\S+)[ \t]*$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Printable: no C0/C1 control character, no DEL. */
function printable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return text.length > 0;
}

/** The Base64 decoding of `text` when it is canonical Base64 of printable UTF-8, else undefined. */
function decodeBase64(text: string): string | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The credentials tokens an incoming `Authorization` header may stand for, most likely first: the
 * Base64-decoded token (as OCPI 2.2.1 sends it), the same without one trailing line break (the
 * specification's own example encodes `example-token` with the `\n` of an `echo`), then the text
 * as it is (a raw token). Empty when the header is missing or not of the `Token` scheme. The
 * caller looks each one up; a raw token that happens to be valid Base64 is still found as itself.
 */
export function ocpiTokenCandidates(authorization: string | undefined): string[] {
  const match = TOKEN_HEADER.exec(authorization ?? '');
  if (!match) return [];
  const encoded = match[1];
  const candidates: string[] = [];
  const decoded = decodeBase64(encoded);
  if (decoded !== undefined) {
    if (printable(decoded)) candidates.push(decoded);
    const withoutLineBreak = decoded.replace(/\r?\n$/, '');
    if (withoutLineBreak !== decoded && printable(withoutLineBreak)) candidates.push(withoutLineBreak);
  }
  if (!candidates.includes(encoded)) candidates.push(encoded);
  return candidates;
}
