// Politeness between requests: one request at a time per host, and a pause after each before the next.
// One gate serves a whole process, so two crawls that happen to share a site (the web server crawling two
// sources, say) still take turns.

export const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  if (ms <= 0 || signal?.aborted) { resolve(); return; }
  const timer = setTimeout(done, ms);
  function done() { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); }
  signal?.addEventListener('abort', done, { once: true });
});

export class HostGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();

  /**
   * Waits until every earlier holder of `host` has released it and `delayMs` has passed since the last
   * release; returns the release (call it once the exchange, body included, is over). An aborted signal
   * skips the pause, not the turn-taking.
   */
  async acquire(host: string, delayMs: number, signal?: AbortSignal): Promise<() => void> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let open!: () => void;
    const mine = new Promise<void>((resolve) => { open = resolve; });
    const tail = previous.then(() => mine);
    this.tails.set(host, tail);
    await previous;
    const since = Date.now() - (this.lastEnd.get(host) ?? 0);
    if (since < delayMs) await sleep(delayMs - since, signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.lastEnd.set(host, Date.now());
      if (this.tails.get(host) === tail) this.tails.delete(host);
      open();
    };
  }
}

/** The gate of this process. */
export const processGate = new HostGate();
