/** Real time plus an offset, so tests can make codes, JWTs and sessions expire without waiting. */
export class Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  advance(seconds: number): Date {
    this.#offsetMs += seconds * 1000;
    return this.now();
  }

  reset(): void {
    this.#offsetMs = 0;
  }
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/** Stytch writes timestamps as RFC 3339 in UTC. */
export function timestamp(date: Date): string {
  return date.toISOString();
}
