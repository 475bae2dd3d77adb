import { type Signal, signal } from "@preact/signals";

/** A read a page depends on: not asked yet, under way, answered, or failed. */
export type ReadState<T, F> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "loaded"; value: T }
  | { status: "failed"; failure: F };

/** A read whose answer is shown only while it is the latest one asked for. */
export interface LatestRead<T, F> {
  state: Signal<ReadState<T, F>>;
  /** What the shown (or pending) answer was read for; "" when nothing is shown. */
  readonly key: string;
  /** Reads for `key`; the answer is dropped if another read, a `show` or a `reset` came since. */
  run(key: string, read: () => Promise<ReadState<T, F>>): Promise<void>;
  /** Shows a state found without reading (e.g. a refused permission) for `key`. */
  show(key: string, state: ReadState<T, F>): void;
  /** Forgets what is shown; an answer still under way is dropped. */
  reset(): void;
}

/**
 * "Latest read wins": the operator changes a field while a read for the old value is under way;
 * its slow answer must not overwrite the one for the value now in the form.
 */
export function createLatestRead<T, F>(): LatestRead<T, F> {
  const state = signal<ReadState<T, F>>({ status: "idle" });
  let key = "";
  let asked = 0;
  return {
    state,
    get key() {
      return key;
    },
    async run(readKey, read) {
      const ticket = ++asked;
      key = readKey;
      state.value = { status: "loading" };
      const answer = await read();
      if (ticket === asked) state.value = answer;
    },
    show(readKey, shown) {
      asked++;
      key = readKey;
      state.value = shown;
    },
    reset() {
      asked++;
      key = "";
      state.value = { status: "idle" };
    },
  };
}
