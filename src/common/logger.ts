import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from '../settings/settings.js';

/**
 * Structured logs: one JSON object per line for log collectors, or, for a person at a terminal
 * (`auto` when stdout is a TTY, or `pretty`), the same records through pino's own pretty printer,
 * written synchronously in this thread (no worker: a log line is never lost at exit). Authorization
 * headers never reach a log line in either form.
 */
export function createLogger(level: string, format: LogFormat = 'json', stdout: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): Logger {
  const options = {
    level,
    base: { service: 'charge-stations-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'headers.authorization'], remove: true },
  };
  if (!isPretty(format, stdout)) return pino(options, stdout);
  return pino(
    options,
    pretty({
      destination: stdout,
      sync: true,
      colorize: stdout.isTTY === true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service,context,req,res,responseTime',
      messageFormat: readableMessage,
    }),
  );
}

/** A record's message for a person: Nest's context first, a request's method and URL, a response's status and time. */
function readableMessage(log: Record<string, unknown>, messageKey: string): string {
  const context = typeof log.context === 'string' ? `${log.context}: ` : '';
  const req = log.req as { method?: string; url?: string } | undefined;
  const res = log.res as { statusCode?: number } | undefined;
  let message = `${context}${String(log[messageKey] ?? '')}`;
  if (req?.method) message += ` ${req.method} ${req.url ?? ''}`;
  if (res?.statusCode) message += ` ${res.statusCode}`;
  if (typeof log.responseTime === 'number') message += ` in ${log.responseTime.toFixed(1)} ms`;
  return message;
}

export function isPretty(format: LogFormat, stdout: { isTTY?: boolean }): boolean {
  return format === 'pretty' || (format === 'auto' && stdout.isTTY === true);
}

/** Nest's own messages (bootstrap, module errors) through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
