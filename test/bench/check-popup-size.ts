/**
 * `npm run size` (part of `npm test`): fails when what the popup loads up front, gzipped, passes
 * its 18 KB budget. The same measurement as `npm run bench`'s first row, without a browser.
 */
import { resolve } from "node:path";
import { measurePopupSize } from "./popup-size";

// The folder of the build to measure (npm test measures the e2e build: its popup is the store's).
const extensionDir = resolve(process.env.PSH_OUT_DIR ?? ".output", process.argv[2] ?? "chrome-mv3");
const result = measurePopupSize(extensionDir);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(`popup up front, gzipped: ${kb(result.value)} (budget ${kb(result.budget)})`);
for (const line of result.details ?? []) console.log(`  ${line}`);
if (!result.pass) {
  console.error("The popup is over its size budget: load the new code lazily (import()) or make it smaller.");
  process.exit(1);
}
