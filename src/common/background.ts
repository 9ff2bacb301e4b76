import { AsyncLocalStorage } from 'node:async_hooks';

const jobs = new AsyncLocalStorage<string>();

/**
 * Runs work the service does by itself (publishing events, delivering webhooks, sweeping silent
 * chargers) under a name, so that what it does can be told from the requests' work: its log lines,
 * and the SQL statements tests count per request.
 */
export function inBackground<T>(job: string, work: () => T): T {
  return jobs.run(job, work);
}

/** The background job the running code belongs to, if any. */
export function backgroundJob(): string | undefined {
  return jobs.getStore();
}
