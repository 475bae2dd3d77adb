import { createBulkRunner } from "./bulk-runner";
import type { BackgroundDeps } from "./deps";

/** The alarm that resumes an unfinished bulk run after the service worker was stopped. */
export const BULK_ALARM = "resume-bulk-run";

/** The bulk runner with real timers. */
export function createBrowserBulkRunner(deps: BackgroundDeps) {
  return createBulkRunner({
    background: deps,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
}
