/**
 * Back-pressure between a worker thread and the thread that consumes what it posts: at most `limit` messages may be
 * unacknowledged; `take()` waits for a credit, `release()` (on the consumer's acknowledgement) returns one. Keeps a fast
 * producer from piling its output up in the consumer's memory (the parse worker ahead of SQLite, the assess workers
 * ahead of the result store).
 */
export class Credits {
  private available: number;
  private wake: (() => void) | undefined;

  constructor(limit: number) {
    this.available = limit;
  }

  async take(): Promise<void> {
    while (this.available === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.available--;
  }

  release(): void {
    this.available++;
    this.wake?.();
  }
}
