import { Buffer } from 'node:buffer';
import { connect, type Socket } from 'node:net';

export type Framing = 'content-length' | 'chunked';

export interface Upload {
  method?: string;
  path: string;
  framing: Framing;
  /** Body size in bytes: a JSON object `{"name":"xxx…"}` of exactly this length. */
  size: number;
  headers?: Record<string, string>;
  /** Send only this many body bytes, then nothing more (the socket stays open). */
  stopAt?: number;
  /** Wait for this before sending the body byte at `pauseAt`. */
  pause?: { at: number; until: Promise<void> };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export interface UploadResult {
  response?: RawResponse;
  /** Body bytes handed to the socket (all of them when `sent === size`). */
  sent: number;
  /** The first socket error, and whether the whole response had been read by then. */
  error?: { code: string; afterResponse: boolean };
  /** When the whole response had been read, in ms after the request started. */
  respondedAfterMs?: number;
  /** The connection was still open `timeoutMs` after the start (and then destroyed). */
  timedOut: boolean;
}

/** One 64 KiB slice of filler, written again and again: the client holds no copy of the body. */
const FILLER = Buffer.alloc(64 * 1024, 'x');
const PREFIX = Buffer.from('{"name":"');
const SUFFIX = Buffer.from('"}');

/** The body's pieces in order; the filler pieces are views of FILLER. */
function* bodyPieces(size: number): Generator<Buffer> {
  yield PREFIX;
  let filler = size - PREFIX.length - SUFFIX.length;
  while (filler > 0) {
    const piece = FILLER.subarray(0, Math.min(filler, FILLER.length));
    filler -= piece.length;
    yield piece;
  }
  yield SUFFIX;
}

function parseResponse(bytes: Buffer): RawResponse | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = bytes.subarray(headEnd + 4);
  const length = Number(headers['content-length']);
  if (!(body.length >= length)) return undefined;
  return { status: Number(statusLine.split(' ')[1]), headers, text: body.subarray(0, length).toString('utf8') };
}

/**
 * Sends one request over a fresh raw TCP connection and keeps writing the whole body (respecting
 * backpressure) even after the answer has arrived, as a client that does not watch for early
 * answers would. Resolves when the connection has closed, or `timeoutMs` after the start.
 */
export function upload(baseUrl: string, options: Upload, timeoutMs = 20_000): Promise<UploadResult> {
  const { hostname, port } = new URL(baseUrl);
  const started = Date.now();
  const result: UploadResult = { sent: 0, timedOut: false };
  let received = Buffer.alloc(0);

  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), hostname);
    const timer = setTimeout(() => {
      result.timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (data: Buffer) => {
      if (result.response) return;
      received = Buffer.concat([received, data]);
      result.response = parseResponse(received);
      if (result.response) result.respondedAfterMs = Date.now() - started;
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      result.error ??= { code: error.code ?? error.message, afterResponse: result.response !== undefined };
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(result);
    });

    const framingHeader = options.framing === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${options.size}`;
    const headers = Object.entries({ 'Content-Type': 'application/json', ...options.headers }).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`${options.method ?? 'POST'} ${options.path} HTTP/1.1\r\nHost: ${hostname}\r\n${headers.join('')}${framingHeader}\r\n\r\n`);

    const pieces = bodyPieces(options.size);
    const stopAt = options.stopAt ?? Number.POSITIVE_INFINITY;
    let paused = false;
    const writePiece = (piece: Buffer): boolean => {
      result.sent += piece.length;
      if (options.framing === 'content-length') return socket.write(piece);
      socket.write(`${piece.length.toString(16)}\r\n`);
      socket.write(piece);
      return socket.write('\r\n');
    };
    const pump = (): void => {
      for (;;) {
        if (socket.destroyed || result.sent >= stopAt) return;
        if (options.pause && !paused && result.sent >= options.pause.at) {
          paused = true;
          void options.pause.until.then(pump);
          return;
        }
        const next = pieces.next();
        if (next.done) {
          socket.end(options.framing === 'chunked' ? '0\r\n\r\n' : '');
          return;
        }
        if (!writePiece(next.value)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
