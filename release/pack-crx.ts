/**
 * `npm run pack:crx -- --key <pem> --base-url <https://host/folder/>`: packs the built Chrome
 * package (.output/chrome-mv3, a store build) as a CRX signed with the company's key, and writes
 * the update manifest (update.xml) that Chrome and Edge poll at <base-url>update.xml. The key may
 * also come from PSH_CRX_KEY and the base URL from PSH_UPDATE_BASE_URL. The key stays outside the
 * repo: whoever holds it can publish updates every desk installs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findChromium, NO_CHROMIUM_HELP } from "../test/support/chromium";
import { buildUpdateManifest, codebaseFor, packCrx } from "./crx";

const { values } = parseArgs({
  options: { key: { type: "string" }, "base-url": { type: "string" } },
});
const keyPath = values.key ?? process.env.PSH_CRX_KEY;
const baseUrl = values["base-url"] ?? process.env.PSH_UPDATE_BASE_URL;
if (!keyPath || !baseUrl) {
  console.error(
    [
      "usage: npm run pack:crx -- --key /secure/placewise-support-helper.pem --base-url https://intranet.example/psh/",
      "  (or set PSH_CRX_KEY and PSH_UPDATE_BASE_URL). Make a key once with:",
      "  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out placewise-support-helper.pem",
    ].join("\n"),
  );
  process.exit(2);
}
const chromium = findChromium();
if (!chromium) {
  console.error(NO_CHROMIUM_HELP);
  process.exit(1);
}

const outBase = resolve(process.env.PSH_OUT_DIR ?? ".output");
const extensionDir = join(outBase, "chrome-mv3");
const packageVersion = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
const builtVersion = (
  JSON.parse(readFileSync(join(extensionDir, "manifest.json"), "utf8")) as { version: string }
).version;
// A stale build would be announced as the new version and never replaced on the desks.
if (builtVersion !== packageVersion) {
  console.error(
    `${extensionDir} is version ${builtVersion}, package.json says ${packageVersion}: build again.`,
  );
  process.exit(1);
}

const crxName = `placewise-support-helper-${packageVersion}.crx`;
const appId = packCrx({ chromium, extensionDir, keyPath: resolve(keyPath), outPath: join(outBase, crxName) });
const codebase = codebaseFor(baseUrl, crxName);
writeFileSync(join(outBase, "update.xml"), buildUpdateManifest({ appId, codebase, version: packageVersion }));
console.log(
  [
    `Packed ${join(outBase, crxName)} and ${join(outBase, "update.xml")}.`,
    `Extension id: ${appId}`,
    `Upload both to ${codebaseFor(baseUrl, "")}; the policy's update_url is ${codebaseFor(baseUrl, "update.xml")}`,
  ].join("\n"),
);
