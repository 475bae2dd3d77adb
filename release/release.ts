/**
 * `npm run release -- <version>`: the whole release on a clean working tree. The version lives in
 * package.json only (WXT writes it into every manifest); this sets it, turns CHANGELOG.md's
 * "Unreleased" notes into that version's entry, builds the store zips (npm run zip), and, when
 * PSH_CRX_KEY and PSH_UPDATE_BASE_URL are set, the CRX and update.xml (npm run pack:crx's
 * packer). It commits and tags nothing, and uploads nothing: it prints those steps.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isNewerVersion, promoteUnreleased } from "./changelog";

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  execFileSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const version = process.argv[2] ?? fail("usage: npm run release -- <version>, e.g. npm run release -- 0.3.0");
const current = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
if (!isNewerVersion(current, version)) {
  fail(`${version} is not a version newer than ${current} (1 to 4 numbers, like 0.3.0).`);
}
const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" });
if (dirty.trim() !== "") fail(`Commit or stash these first, so the release is one commit:\n${dirty}`);

const date = new Date().toISOString().slice(0, 10);
const promoted = promoteUnreleased(readFileSync("CHANGELOG.md", "utf8"), version, date);
if (!promoted.ok) fail(`${promoted.reason} Write the release notes there first.`);
writeFileSync("CHANGELOG.md", promoted.changelog);
// package.json and package-lock.json; no git tag yet.
run("npm", ["version", version, "--no-git-tag-version"]);

run("npm", ["run", "zip"]);
const out = resolve(process.env.PSH_OUT_DIR ?? ".output");
const withCrx = Boolean(process.env.PSH_CRX_KEY && process.env.PSH_UPDATE_BASE_URL);
if (withCrx) run("npx", ["tsx", "release/pack-crx.ts"]);

const artifacts = readdirSync(out).filter(
  (name) => name.includes(`-${version}`) && /\.(zip|crx)$/u.test(name),
);
if (withCrx) artifacts.push("update.xml");
const sums = artifacts.sort().map(
  (name) =>
    `${createHash("sha256")
      .update(readFileSync(join(out, name)))
      .digest("hex")}  ${name}`,
);
writeFileSync(join(out, `SHA256SUMS-${version}.txt`), `${sums.join("\n")}\n`);

const zip = (browser: string) => join(out, `placewise-support-helper-${version}-${browser}.zip`);
console.log(
  [
    "",
    `Release ${version} built in ${out}:`,
    ...sums.map((line) => `  ${line}`),
    withCrx ? "" : "  (no CRX: set PSH_CRX_KEY and PSH_UPDATE_BASE_URL for the self-hosted package)",
    "",
    "Next:",
    "  1. npm test (through .ci/run), and look at the diff: git diff",
    `  2. git commit -am "Release ${version}" && git tag v${version}`,
    `  3. npx wxt submit --dry-run --chrome-zip ${zip("chrome")} --edge-zip ${zip("chrome")} \\`,
    `       --firefox-zip ${zip("firefox")} --firefox-sources-zip ${join(out, `placewise-support-helper-${version}-sources.zip`)}`,
    "     then the same without --dry-run (credentials in .env.submit, never in the repo)",
    withCrx ? "  4. upload the .crx and update.xml to the update server, .crx first" : "",
  ]
    .filter((line, i, all) => line !== "" || all[i - 1] !== "")
    .join("\n"),
);
