import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { rootCertificates } from 'node:tls';
import { parseRetryAfter } from './retry-schedule.js';
import { checkAddress, parseTargetUrl, resolveAll, type ResolveAll, type TargetPolicy } from './target-guard.js';

/**
 * SPEC §10 "Delivery": one HTTP attempt of one webhook message. node:http/https with a `lookup` of
 * our own: the host name is resolved when the connection is made, every address is checked by the
 * target guard, and the socket connects to the address that was checked (no second DNS answer in
 * between, so DNS rebinding cannot slip a private address in after the check). TLS keeps the
 * original host name for SNI and certificate checks, and the Host header keeps it too.
 */

/** Short, stable codes for the deliveries log; never carrying secrets or bodies. */
export type DeliveryErrorCode =
  | 'invalid-url'
  | 'invalid-request'
  | 'blocked-target'
  | 'dns'
  | 'refused'
  | 'unreachable'
  | 'reset'
  | 'timeout'
  | 'tls'
  | 'protocol'
  | 'redirect'
  | 'http-status'
  | 'aborted'
  | 'network';

export interface DeliveryError {
  code: DeliveryErrorCode;
  /** One line for a person, e.g. "connection refused by 10.0.0.5:443"; never a secret, header value or body. */
  message: string;
}

export interface DeliveryResult {
  /** The receiver answered 2xx within the time-out. */
  ok: boolean;
  /** The HTTP status, when an answer came. */
  status?: number;
  /** `Retry-After` of a 429 or 503, in seconds from the answer (uncapped; retry-schedule caps it). */
  retryAfterSeconds?: number;
  /** From the start of the attempt to the answer's status line, or to the failure. */
  durationMs: number;
  error?: DeliveryError;
}

/** What to send: the body exactly as signed, and the signature headers (any others the caller wants). */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Readonly<Record<string, string>>;
}

export interface HttpDeliveryOptions extends TargetPolicy {
  /**
   * `WEBHOOK_TIMEOUT_MS`: DNS, connect, TLS, sending and the answer's status line must all fit in
   * it; reading the answer's body (see maxResponseBytes) stops at the same deadline.
   */
  timeoutMs: number;
  /** The most of an answer's body read (then discarded); a longer one has its connection closed. Default 64 KiB. */
  maxResponseBytes?: number;
  /** Connections open at once to one origin (scheme, host, port). Default 8. */
  maxSocketsPerOrigin?: number;
  /** Idle keep-alive connections kept per origin. Default 2. */
  maxIdleSocketsPerOrigin?: number;
  /** Connections open at once in all. Default 256. */
  maxTotalSockets?: number;
  /** An idle keep-alive connection is closed after this long. Default 4000 ms. */
  idleSocketTimeoutMs?: number;
  /** PEM certificates trusted in addition to Node's bundled roots (a private CA; tests). */
  extraCaCertificates?: readonly string[];
  /** DNS, for tests; node:dns `lookup` otherwise. */
  resolve?: ResolveAll;
  /** Sent unless the request's headers carry their own. */
  userAgent?: string;
}

const DEFAULT_USER_AGENT = 'charge-stations-api-webhooks/1';

/** An error of our own making, carried through node's error events. */
class DeliveryFailure extends Error {
  constructor(
    readonly failure: DeliveryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One send over one connection: the answer, or why there is none. */
interface Exchange {
  status?: number;
  retryAfterSeconds?: number;
  error?: DeliveryError;
  answeredAt: number;
  /** The connection was a kept-alive one the receiver had closed meanwhile: sending again is safe. */
  stale?: boolean;
}

export class HttpDelivery {
  private readonly policy: TargetPolicy;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly resolve: ResolveAll;
  private readonly userAgent: string;
  private readonly ca: string[] | undefined;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(options: HttpDeliveryOptions) {
    this.policy = { allowHttp: options.allowHttp, allowPrivateTargets: options.allowPrivateTargets };
    this.timeoutMs = options.timeoutMs;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.resolve = options.resolve ?? resolveAll;
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    this.ca = options.extraCaCertificates && [...rootCertificates, ...options.extraCaCertificates];
    if (!(this.timeoutMs > 0)) throw new Error(`Webhook time-out must be a positive number of milliseconds, got ${this.timeoutMs}`);
    const agentOptions: http.AgentOptions = {
      keepAlive: true,
      maxSockets: options.maxSocketsPerOrigin ?? 8,
      maxFreeSockets: options.maxIdleSocketsPerOrigin ?? 2,
      maxTotalSockets: options.maxTotalSockets ?? 256,
      timeout: options.idleSocketTimeoutMs ?? 4000,
      scheduling: 'lifo',
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  /**
   * POST the body to the URL. Resolves, never rejects: every failure is a result. The URL's form is
   * checked again (settings may have changed since the endpoint was created); a literal IP host is
   * checked here, a host name when the connection resolves it.
   */
  async deliver(request: WebhookRequest, signal?: AbortSignal): Promise<DeliveryResult> {
    const started = performance.now();
    const parsed = parseTargetUrl(request.url, this.policy);
    if (!parsed.ok) {
      const code = parsed.code === 'invalid-url' ? 'invalid-url' : 'blocked-target';
      return { ok: false, durationMs: 0, error: { code, message: `url ${parsed.message}` } };
    }
    const body = Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { 'user-agent': this.userAgent };
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(body.length);
    const deadline = started + this.timeoutMs;

    let exchange = await this.send(parsed.url, headers, body, deadline, signal, true);
    if (exchange.stale) exchange = await this.send(parsed.url, headers, body, deadline, signal, false);

    const result: DeliveryResult = { ok: exchange.error === undefined, durationMs: Math.round(exchange.answeredAt - started) };
    if (exchange.status !== undefined) result.status = exchange.status;
    if (exchange.retryAfterSeconds !== undefined) result.retryAfterSeconds = exchange.retryAfterSeconds;
    if (exchange.error) result.error = exchange.error;
    return result;
  }

  /** Closes every kept-alive connection; deliveries after this still work, on new connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /**
   * Resolve, check, and hand node exactly the checked addresses. Node calls this only for host
   * names (a literal IP is connected to directly, which is why deliver checks those itself).
   */
  private readonly pinnedLookup = ((hostname: string, options: { family?: number; hints?: number; all?: boolean }, callback: LookupCallback) => {
    const query = { all: true as const, ...(options.family ? { family: options.family } : {}), ...(options.hints ? { hints: options.hints } : {}) };
    this.resolve(hostname, query).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
          return;
        }
        if (!this.policy.allowPrivateTargets) {
          for (const { address } of addresses) {
            const refusal = checkAddress(address, hostname);
            if (refusal) {
              callback(new DeliveryFailure('blocked-target', refusal.message), '', 0);
              return;
            }
          }
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  }) as LookupFunction;

  private send(url: URL, headers: Record<string, string>, body: Buffer, deadline: number, signal: AbortSignal | undefined, pooled: boolean): Promise<Exchange> {
    return new Promise((resolve) => {
      const isHttps = url.protocol === 'https:';
      let answer: Exchange | undefined;
      let settled = false;
      let request: http.ClientRequest | undefined;

      // A queued request has no socket yet and would report its error only when it gets one, so the
      // timer and the abort settle first and destroy after.
      const timer = setTimeout(() => stop(new DeliveryFailure('timeout', `no answer within ${this.timeoutMs} ms`)), Math.max(0, deadline - performance.now()));
      const onAbort = () => stop(new DeliveryFailure('aborted', 'delivery aborted'));
      const settle = (exchange: Exchange) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(exchange);
      };
      const stop = (failure: DeliveryFailure) => {
        settle(answer ?? { error: describe(failure), answeredAt: performance.now() });
        request?.destroy(failure);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });

      try {
        request = (isHttps ? https : http).request(url, {
          method: 'POST',
          headers,
          agent: pooled ? (isHttps ? this.httpsAgent : this.httpAgent) : false,
          lookup: this.pinnedLookup,
          ...(isHttps && this.ca ? { ca: this.ca } : {}),
        });
      } catch (error) {
        // Node refuses header names or values it cannot send (e.g. a line break) before any I/O.
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        return settle({ error: { code: 'invalid-request', message: `request refused by node (${code})` }, answeredAt: performance.now() });
      }
      const sent = request;

      sent.on('error', (error) => {
        if (answer) return settle(answer);
        const code = (error as NodeJS.ErrnoException).code;
        const stale = pooled && sent.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
        settle({ error: describe(error), answeredAt: performance.now(), stale });
      });
      sent.on('response', (response) => {
        const got = exchangeOf(response, performance.now());
        answer = got;
        // Read (and drop) a little of the body so a short answer leaves the connection reusable;
        // past the limit the connection is closed rather than read on.
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > this.maxResponseBytes) {
            settle(got);
            response.destroy();
          }
        });
        response.on('end', () => settle(got));
        response.on('error', () => settle(got));
        response.on('close', () => settle(got));
      });
      sent.end(body);
    });
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | { address: string; family: number }[], family?: number) => void;

function exchangeOf(response: http.IncomingMessage, answeredAt: number): Exchange {
  const status = response.statusCode ?? 0;
  const exchange: Exchange = { status, answeredAt };
  if (status === 429 || status === 503) {
    const retryAfter = parseRetryAfter(response.headers['retry-after'], new Date());
    if (retryAfter !== undefined) exchange.retryAfterSeconds = retryAfter;
  }
  if (status >= 300 && status < 400) exchange.error = { code: 'redirect', message: `redirect (${status}) not followed` };
  else if (status < 200 || status >= 300) exchange.error = { code: 'http-status', message: `HTTP ${status}` };
  return exchange;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL', 'ETIMEOUT']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|EPROTO$)|CERT|^UNABLE_TO_|_SIGNATURE|^HOSTNAME_MISMATCH$|^INVALID_CA$|^INVALID_PURPOSE$|^PATH_LENGTH_EXCEEDED$/;

/** Node's error as one of our codes, with a message made here: node's own may quote a header or the URL. */
function describe(error: unknown): DeliveryError {
  if (error instanceof DeliveryFailure) return { code: error.failure, message: error.message };
  const { code = '', syscall, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const peer = address ? ` ${address}${port ? `:${port}` : ''}` : '';
  if (DNS_CODES.has(code) || syscall === 'getaddrinfo') return { code: 'dns', message: `host could not be resolved (${code || 'error'})` };
  if (code === 'ECONNREFUSED') return { code: 'refused', message: `connection refused${peer && ` by${peer}`}` };
  if (UNREACHABLE_CODES.has(code)) return { code: 'unreachable', message: `could not connect${peer && ` to${peer}`} (${code})` };
  if (code === 'ECONNRESET' || code === 'EPIPE') return { code: 'reset', message: `connection closed before an answer (${code})` };
  if (TLS_CODE.test(code)) return { code: 'tls', message: `TLS: ${code}` };
  if (code.startsWith('HPE_')) return { code: 'protocol', message: `not a valid HTTP answer (${code})` };
  return { code: 'network', message: `network error (${code || 'unknown'})` };
}
