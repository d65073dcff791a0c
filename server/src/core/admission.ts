export interface AdmissionSettings {
  /** API requests handled at once; the rest wait in line. */
  maxInFlight: number;
  /** Requests allowed to wait; beyond that a request is turned away at once. */
  maxQueue: number;
  /** How long a request may wait for a slot before it is turned away. */
  queueTimeoutMs: number;
  /** Sent as Retry-After with a turned-away request. */
  retryAfterSeconds: number;
}

interface Waiter {
  admit: (admitted: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Bounds the work in progress. Under a deadline surge, unbounded concurrency makes every
 * request slow, the database pool's queue long and clients time out after the server has
 * done their work; a bounded gate answers the overflow at once with 503 + Retry-After, which
 * the mini-program retries, so the server spends its time on requests it can finish.
 *
 * Deliberately per process, also with REDIS_URL: what it protects (this event loop, this process's
 * database pool) is per process, a shared counter would cost a Redis round trip on every request,
 * and a process that died holding slots would leak them. N processes admit N × maxInFlight.
 */
export class AdmissionGate {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];
  private turnedAway = 0;

  constructor(private readonly settings: AdmissionSettings) {}

  /** Resolves true holding a slot (release it with `leave`), or false: turn the request away. */
  enter(): Promise<boolean> {
    if (this.inFlight < this.settings.maxInFlight) {
      this.inFlight++;
      return Promise.resolve(true);
    }
    if (this.waiting.length >= this.settings.maxQueue) {
      this.turnedAway++;
      return Promise.resolve(false);
    }
    return new Promise(resolve => {
      const waiter: Waiter = {
        admit: resolve,
        timer: setTimeout(() => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          this.turnedAway++;
          resolve(false);
        }, this.settings.queueTimeoutMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Hands the slot to the longest-waiting request, or frees it. */
  leave(): void {
    const next = this.waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit(true);
      return;
    }
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  stats(): { inFlight: number; waiting: number; turnedAway: number } {
    return { inFlight: this.inFlight, waiting: this.waiting.length, turnedAway: this.turnedAway };
  }
}
