import { type CanActivate, type ExecutionContext, HttpStatus, Inject, Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestTokenHashes } from '../auth/tokens.js';
import { SETTINGS, type Settings } from '../settings/settings.js';
import { HealthController } from '../health/health.controller.js';
import { ApiError, StatusCode } from './api-error.js';

const WINDOW_MS = 60_000;

/**
 * Who a request counts against: the hash of its token (never the token itself, so the limiter's
 * keys are as harmless as the stored hashes), or the client IP when it sends none. The token and
 * its Base64 form (OCPI 2.2.1) share one budget: the last candidate is always the plain token.
 */
export function rateLimitTracker(request: Pick<FastifyRequest, 'headers' | 'ip'>): string {
  const hashes = requestTokenHashes(request);
  if (hashes.length) return `token:${hashes[hashes.length - 1]}`;
  return `ip:${request.ip}`;
}

interface Window {
  hits: number;
  resetsAt: number;
}

/** Fixed one-minute windows per tracker, in this process's memory. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Counts one hit; answers how many remain and when the window resets. */
  hit(tracker: string, now = Date.now()): { allowed: boolean; remaining: number; resetsInSeconds: number } {
    let window = this.windows.get(tracker);
    if (!window || window.resetsAt <= now) {
      window = { hits: 0, resetsAt: now + this.windowMs };
      this.windows.set(tracker, window);
    }
    window.hits++;
    return {
      allowed: window.hits <= this.limit,
      remaining: Math.max(0, this.limit - window.hits),
      resetsInSeconds: Math.max(1, Math.ceil((window.resetsAt - now) / 1000)),
    };
  }

  /** Forgets windows that are over, so one-off clients do not accumulate. */
  sweep(now = Date.now()): void {
    for (const [tracker, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(tracker);
  }

  get size(): number {
    return this.windows.size;
  }
}

/**
 * The rate limit per token over all routes together (`RATE_LIMIT_PER_MINUTE`). Past it: 429 with
 * `Retry-After`, in the envelope. Health probes are never limited, so a busy token cannot make a
 * load balancer drop the instance. Every response carries `X-RateLimit-Limit/Remaining/Reset`.
 */
@Injectable()
export class RateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly limiter: RateLimiter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(@Inject(SETTINGS) settings: Settings) {
    this.limiter = new RateLimiter(settings.rateLimitPerMinute);
    this.sweeper = setInterval(() => this.limiter.sweep(), WINDOW_MS).unref();
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || context.getClass() === HealthController) return true;
    const http = context.switchToHttp();
    const { allowed, remaining, resetsInSeconds } = this.limiter.hit(rateLimitTracker(http.getRequest<FastifyRequest>()));
    void http
      .getResponse<FastifyReply>()
      .header('X-RateLimit-Limit', this.limiter.limit)
      .header('X-RateLimit-Remaining', remaining)
      .header('X-RateLimit-Reset', resetsInSeconds);
    if (!allowed) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        StatusCode.CLIENT_ERROR,
        `Too many requests: at most ${this.limiter.limit} per minute per token; retry after ${resetsInSeconds} s`,
        [],
        { 'Retry-After': String(resetsInSeconds) },
      );
    }
    return true;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }
}

/** The global guard for `RATE_LIMIT_PER_MINUTE`; none at all when it is 0. */
export function rateLimitProviders(perMinute: number): Provider[] {
  return perMinute > 0 ? [{ provide: APP_GUARD, useClass: RateLimitGuard }] : [];
}
