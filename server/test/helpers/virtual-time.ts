/** A clock that moves only when every task waits on it: sleeps end in the order of their deadlines. */
export class VirtualTime {
  now = 0;
  private readonly timers: { at: number; order: number; wake: () => void }[] = [];
  private order = 0;

  sleep = (ms: number) =>
    new Promise<void>((wake) => {
      this.timers.push({ at: this.now + Math.max(0, ms), order: this.order++, wake });
    });

  async until<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const finish = () => (done = true);
    void work.then(finish, finish);
    // Work may also wait on a real timer for a moment (a library's own backoff): that much is let pass.
    let realWaits = 0;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return work;
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift();
      if (next === undefined) {
        if (++realWaits > 100) throw new Error('every task waits, but not on the clock');
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      realWaits = 0;
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
  }
}
