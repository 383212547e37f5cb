export type Fault =
  | { kind: 'error'; status: number; error_type: string; error_message: string }
  | { kind: 'delay'; delay_ms: number }
  | { kind: 'drop' };

export type PendingFault = {
  route: string;
  remaining: number;
  fault: Fault;
};

/** Faults armed through /__emulator/faults; each hits the next `count` calls of its route, in the order armed. */
export class FaultQueue {
  #pending: PendingFault[] = [];

  add(route: string, count: number, fault: Fault): void {
    this.#pending.push({ route, remaining: count, fault });
  }

  take(route: string): Fault | undefined {
    const entry = this.#pending.find((pending) => pending.route === route);
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#pending = this.#pending.filter((pending) => pending !== entry);
    return entry.fault;
  }

  list(): PendingFault[] {
    return this.#pending.map((pending) => ({ ...pending }));
  }

  clear(): void {
    this.#pending = [];
  }
}

/** API calls per route key since the last reset, so app tests can prove that a path made no Stytch call. */
export class CallCounter {
  #counts = new Map<string, number>();

  record(route: string): void {
    this.#counts.set(route, (this.#counts.get(route) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  clear(): void {
    this.#counts.clear();
  }
}
