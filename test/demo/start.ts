/**
 * `npm start`: builds the extension, starts the sandbox, and opens Chromium with the extension
 * already connected to it, so anyone can try it without credentials. Ctrl-C (or closing the
 * browser) stops everything.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "@playwright/test";
import type { ConnectionDraft } from "../../utils/validation/connection";
import {
  createSandboxState,
  SANDBOX_BULK_DOMAIN,
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  startSandboxServer,
} from "../sandbox";
import { CHROMIUM_FLAGS, extensionFlags, findChromium, NO_CHROMIUM_HELP } from "../support/chromium";

const EXTENSION_PATH = resolve(process.env.PSH_OUT_DIR ?? ".output", "chrome-mv3-dev");
const PORT = Number(process.env.SANDBOX_PORT ?? 8787);

/** $CHROMIUM_PATH, the system's Chromium, then Playwright's own if it was ever downloaded. */
function pickChromium(): string | undefined {
  const found = findChromium();
  if (found) return found;
  const playwrights = chromium.executablePath();
  return existsSync(playwrights) ? playwrights : undefined;
}

async function main(): Promise<void> {
  const executablePath = pickChromium();
  if (!executablePath) {
    console.error(NO_CHROMIUM_HELP);
    process.exit(1);
  }
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error("No display found. On a machine without a desktop, run: xvfb-run npm start");
    process.exit(1);
  }

  console.log("Building the extension…");
  const build = spawnSync("npx", ["wxt", "build", "--mode", "development"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const sandbox = await startSandboxServer({
    port: PORT,
    state: createSandboxState({ catchAllEmailDomains: [SANDBOX_BULK_DOMAIN] }),
  });
  const profile = mkdtempSync(join(tmpdir(), "psh-demo-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    viewport: null,
    args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_PATH)],
  });

  const stop = async () => {
    await context.close().catch(() => undefined);
    await sandbox.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  context.once("close", () => void stop());

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;

  // Connect the extension to the sandbox through its own options page and message protocol,
  // exactly as the Save button does: the build carries no demo shortcut.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const draft: ConnectionDraft = {
    id: "",
    label: "Infinity Mall (sandbox)",
    language: "",
    loginUrl: "",
    environment: "custom",
    baseUrl: sandbox.url,
    token: SANDBOX_TOKENS.full,
    productName: "default",
    clubSlug: SANDBOX_CLUBS.infinityMall,
    customerId: "447",
    rememberToken: true,
  };
  const saved = await options.evaluate(
    (data) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage({ type: "saveConnection", data }),
    draft,
  );
  if (!(typeof saved === "object" && saved !== null && "ok" in saved && saved.ok === true)) {
    throw new Error(`The demo connection was not saved: ${JSON.stringify(saved)}`);
  }
  await options.reload();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 520 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);

  console.log(
    [
      "",
      "Placewise Support Helper is running against the sandbox.",
      `  sandbox:   ${sandbox.url}  (requests: ${sandbox.url}/__sandbox/requests)`,
      `  popup:     chrome-extension://${extensionId}/popup.html (also behind the toolbar's puzzle icon)`,
      `  try:       ${SANDBOX_MEMBERS.anna} (accepted), ${SANDBOX_MEMBERS.unknownEmail} (404), not-an-address (refused)`,
      `  faults:    curl -X PUT ${sandbox.url}/__sandbox/fault -d '{"kind":"maintenance"}'   (DELETE to clear)`,
      "Press Ctrl-C or close the browser to stop.",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
