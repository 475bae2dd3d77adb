import { browser } from "wxt/browser";

/** Which storage changes make a mirrored value stale. */
export type ChangeFilter = (changes: Record<string, unknown>, area: string) => boolean;

/**
 * A read kept in memory until storage says it changed: the background's per-send reads of
 * settings, policy and tokens (npm run bench, send overhead and bulk rate) become one read per
 * change. Every change drops the copy (storage.onChanged fires for the background's own writes
 * too, and for IT changing the policy), so the next read goes to storage; a read that started
 * before a change is never kept. The service worker's restart starts it empty.
 */
export function mirrored<T>(read: () => Promise<T>, isChange: ChangeFilter): Mirror<T> {
  let copy: Promise<T> | null = null;
  const drop = () => {
    copy = null;
  };
  // A change event comes after storage took the write, so a copy read before it is dropped here.
  browser.storage.onChanged.addListener((changes, area) => {
    if (isChange(changes, area)) drop();
  });
  return {
    read() {
      if (copy !== null) return copy;
      const reading = read();
      copy = reading;
      // A failed read is not kept: the next caller tries storage again.
      reading.catch(() => {
        if (copy === reading) copy = null;
      });
      return reading;
    },
    drop,
  };
}

/** A mirrored read, and the way the background's own writer drops the copy once its write is done. */
export interface Mirror<T> {
  read(): Promise<T>;
  /** Called after each own write: the change event may come after the next message. */
  drop(): void;
}

/** Runs a write, then drops the mirrors it makes stale, whether it succeeded or not. */
export async function dropAfter<R>(
  work: Promise<R>,
  ...mirrors: Array<Pick<Mirror<unknown>, "drop">>
): Promise<R> {
  try {
    return await work;
  } finally {
    for (const mirror of mirrors) mirror.drop();
  }
}
