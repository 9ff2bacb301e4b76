import { Agent, request } from 'node:http';

/** An answer, or `status: null` when none came (connection refused or cut, e.g. by a killed server). */
export interface Answer {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  token: string;
  body?: unknown;
  ifMatch?: string;
}

/**
 * A plain node:http client for load against real server processes. Unlike fetch (undici), it
 * never resends a request on its own, so "no answer" means exactly that: the outcome is unknown.
 */
export class Client {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  constructor(private readonly timeoutMs = 15_000) {}

  send(baseUrl: string, call: Call): Promise<Answer> {
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers: Record<string, string> = { Authorization: `Token ${call.token}` };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    if (call.ifMatch !== undefined) headers['If-Match'] = call.ifMatch;
    return new Promise((resolve) => {
      const req = request(`${baseUrl}${call.path}`, { method: call.method, headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => resolve({ status: null, headers: {}, body: undefined }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: kept as text, the assertions will say so
          }
          resolve({ status: res.statusCode ?? null, headers: res.headers, body });
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: null, headers: {}, body: undefined }));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The etag of an answer's `ETag` header, unquoted. */
export function etagOf(answer: Answer): string | undefined {
  const header = answer.headers.etag;
  return typeof header === 'string' ? header.replace(/^"(.*)"$/, '$1') : undefined;
}
