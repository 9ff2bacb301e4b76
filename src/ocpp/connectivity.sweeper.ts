import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { inBackground } from '../common/background.js';
import { ChargeStationRepository } from '../charge-stations/charge-station.repository.js';

/** How often silent chargers are looked for: their Offline event comes at most this long after it is due (SPEC §10: 10 s). */
const SWEEP_MS = 5_000;
const BATCH = 500;

/**
 * A charger that stops sending without closing its connection is Offline once 3 × its heartbeat
 * interval have passed (SPEC §8); answers derive that on every read, but nothing is written at
 * that moment. This sweeper writes it, with its `charge_station.connectivity_changed` event, every
 * SWEEP_MS, in every process (the conditional write makes one event however many look).
 */
@Injectable()
export class ConnectivitySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConnectivitySweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly stations: ChargeStationRepository) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = inBackground('connectivity-sweeper', () => this.sweep()).finally(() => (this.running = undefined));
    }, SWEEP_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      while ((await this.stations.expireSilentChargers(Date.now(), BATCH)) === BATCH);
    } catch (error) {
      this.logger.warn(`looking for silent chargers failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
