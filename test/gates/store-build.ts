/**
 * Part of `npm run lint:firefox`: a store build (production mode) carries no test hook. The
 * browser tests reach the right-click handler through a global that only `--mode e2e` builds have
 * (entrypoints/background/index.ts); a package for desks must not expose it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: store-build.ts <built extension folder>");
const scripts = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
if (scripts.length === 0) throw new Error(`No scripts in ${dir}: was it built?`);
const leaking = scripts.filter((file) =>
  readFileSync(join(dir, file), "utf8").includes("placewiseSupportHelper"),
);
if (leaking.length > 0) {
  console.error(`The store build carries the browser tests' hook in: ${leaking.join(", ")}`);
  process.exit(1);
}
console.log(`Store build checked: ${scripts.length} scripts, no test hook.`);
