/**
 * Part of `npm run zip` and `npm run lint:firefox`: what desks install (a production-mode build)
 * carries no test hook and no loopback host. The browser tests reach the right-click handler
 * through a global that only `--mode e2e` builds have (entrypoints/background/index.ts), and only
 * the sandbox modes may reach http://localhost and http://127.0.0.1 (wxt.config.ts,
 * hostPermissionsFor).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** What is wrong with one built extension folder; empty when it may ship. */
function problemsIn(dir: string): string[] {
  const scripts = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  if (scripts.length === 0) return [`No scripts in ${dir}: was it built?`];
  const problems = scripts
    .filter((file) => readFileSync(join(dir, file), "utf8").includes("placewiseSupportHelper"))
    .map((file) => `${dir}: the browser tests' hook is in ${file}`);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<string, unknown>;
  const hosts = [manifest.host_permissions, manifest.permissions, manifest.optional_host_permissions]
    .flatMap((list) => (Array.isArray(list) ? list : []))
    .filter((host): host is string => typeof host === "string");
  for (const host of hosts.filter((h) => /^https?:\/\/(localhost|127\.0\.0\.1)[/:]/u.test(h))) {
    problems.push(`${dir}: the manifest asks for the loopback host ${host}`);
  }
  if (problems.length === 0)
    console.log(`Store build ${dir} checked: ${scripts.length} scripts, no test hook, no loopback host.`);
  return problems;
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) throw new Error("usage: store-build.ts <built extension folder>...");
const problems = dirs.flatMap(problemsIn);
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
