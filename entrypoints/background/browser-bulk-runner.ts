import { browser } from "wxt/browser";
import { createBulkRunner } from "./bulk-runner";
import type { BackgroundDeps } from "./deps";

/** The alarm that resumes an unfinished bulk run after the service worker was stopped. */
export const BULK_ALARM = "resume-bulk-run";

/**
 * The bulk runner with real timers. The alarm (every 30 s, Chrome's minimum) exists only while a
 * run is running: a worker that wakes for nothing costs the desk's battery and the reader's time.
 */
export function createBrowserBulkRunner(deps: BackgroundDeps) {
  return createBulkRunner({
    background: deps,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    alarm: {
      async set(active) {
        if (active) await browser.alarms.create(BULK_ALARM, { periodInMinutes: 0.5 });
        else await browser.alarms.clear(BULK_ALARM);
      },
    },
  });
}
