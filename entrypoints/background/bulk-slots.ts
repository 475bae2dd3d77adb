/**
 * The bulk runner's requests in flight: how many there are, and a wait for one of them to end.
 * A slot is given back once, however many paths end it (the answer queued, or a failure).
 */
export function createSlots() {
  let taken = 0;
  const waiting: Array<() => void> = [];
  return {
    get taken() {
      return taken;
    },
    /** Takes a slot; the function it returns gives it back, the first time it is called. */
    take(): () => void {
      taken++;
      let given = false;
      return () => {
        if (given) return;
        given = true;
        taken--;
        for (const resolve of waiting.splice(0)) resolve();
      };
    },
    /** Resolves when a slot is next given back. */
    freed: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}
