/** A TCP port on 127.0.0.1 that is free right now (see free-port.mjs). */
export function freePort(): Promise<number>;
