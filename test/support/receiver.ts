import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request a receiver got, with what verifying its signature with each secret said. */
export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  event: { id: string; type: string; timestamp: string; cpo_id: string; sequence: number; data: unknown };
  /** Per secret given to the receiver: did `standardwebhooks` verify the request with it? */
  verified: boolean[];
  at: number;
}

/** How the receiver answers a request (a status, maybe after a delay, maybe with headers). */
export type Answer = { status: number; delayMs?: number; headers?: Record<string, string> };

/**
 * A webhook receiver on 127.0.0.1 that verifies every request with the `standardwebhooks` package,
 * as a partner's would, and answers as `answer` says (200 by default).
 */
export class Receiver {
  readonly received: Received[] = [];
  secrets: string[] = [];
  answer: (request: Received) => Answer = () => ({ status: 200 });
  private readonly server: Server;
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** Received events of these types (all when none given). */
  events(...types: string[]): Received[] {
    return this.received.filter((r) => types.length === 0 || types.includes(r.event.type));
  }

  /** Resolves once `check` holds (checked on every request), or rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs = 10_000, what = 'the receiver to get what was expected'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (got ${this.received.map((r) => r.event.type).join(', ')})`)), timeoutMs);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
    const verified = this.secrets.map((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    const received: Received = { headers: req.headers, body, event: JSON.parse(body), verified, at: Date.now() };
    const answer = this.answer(received);
    this.received.push(received);
    this.wake();
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (!res.destroyed) {
      res.writeHead(answer.status, { 'Content-Type': 'text/plain', ...answer.headers });
      res.end('ok');
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}
