import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "@playwright/test";
import type { ConnectionDraft } from "../../utils/validation/connection";
import { sandboxDraft } from "../e2e/connection";
import type { ChromeGlobal } from "../e2e/pages/options-page";
import { createSandboxState, SANDBOX_BULK_DOMAIN, type SandboxServer, startSandboxServer } from "../sandbox";
import { CHROMIUM_FLAGS, extensionFlags, findChromium, NO_CHROMIUM_HELP } from "../support/chromium";
import { findExtensionLoadError } from "./extension-load-error";

// A loaded extension's worker starts in well under a second; waiting longer only delays the report.
const SERVICE_WORKER_TIMEOUT_MS = 10_000;

/** The popup's size, as in the browser tests. */
export const POPUP_VIEWPORT = { width: 360, height: 480 };

/** One Chromium with the extension, one sandbox and a saved connection, shared by every metric. */
export interface BenchSession {
  /** The copy of the built extension that Chromium loaded; metrics may add pages to it. */
  extensionDir: string;
  extensionId: string;
  context: BrowserContext;
  /** Every address at SANDBOX_BULK_DOMAIN is a member, so each send can use a new recipient. */
  sandbox: SandboxServer;
  /** The connection saved through the background before any metric runs. */
  connection: ConnectionDraft;
  /** chrome-extension://<id>/<path> */
  pageUrl(path: string): string;
  /** A new tab at the popup's size. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Copies the built extension, starts the sandbox and Chromium, and saves a sandbox connection. */
export async function openBenchSession(builtExtensionDir: string): Promise<BenchSession> {
  if (!existsSync(join(builtExtensionDir, "manifest.json"))) {
    throw new Error(`No built extension at ${builtExtensionDir}: run \`npm run build\` first.`);
  }
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_HELP);

  const root = mkdtempSync(join(tmpdir(), "psh-bench-"));
  const extensionDir = join(root, "extension");
  // A copy, so pages added for the benchmark live in the extension's origin but not in .output.
  cpSync(builtExtensionDir, extensionDir, { recursive: true });

  const cleanups: Array<() => Promise<void> | void> = [
    () => rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }),
  ];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.warn("bench: cleanup failed:", error);
      }
    }
  };

  try {
    const sandbox = await startSandboxServer({
      state: createSandboxState({ catchAllEmailDomains: [SANDBOX_BULK_DOMAIN] }),
    });
    cleanups.push(() => sandbox.close());

    const context = await chromium.launchPersistentContext(join(root, "profile"), {
      executablePath,
      headless: true,
      viewport: POPUP_VIEWPORT,
      args: [...CHROMIUM_FLAGS, ...extensionFlags(extensionDir)],
    });
    cleanups.push(() => context.close());

    const worker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent("serviceworker", { timeout: SERVICE_WORKER_TIMEOUT_MS }).catch(async () => {
        const reason = await findExtensionLoadError(executablePath, extensionDir);
        throw new Error(
          `Chromium did not start the extension's service worker within ${SERVICE_WORKER_TIMEOUT_MS / 1000} s. ${
            reason
              ? `Chromium says: ${reason}`
              : "Load .output/chrome-mv3-dev in chrome://extensions to see why."
          }`,
        );
      }));
    const extensionId = new URL(worker.url()).host;
    const pageUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
    // Every tab of the context has the popup's viewport.
    const newPage = () => context.newPage();

    const connection = sandboxDraft(sandbox.url);
    await saveConnection(await newPage(), pageUrl("popup.html"), connection);

    return { extensionDir, extensionId, context, sandbox, connection, pageUrl, newPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Saves the connection the way the options page does: a message the background checks. */
async function saveConnection(page: Page, extensionPageUrl: string, draft: ConnectionDraft): Promise<void> {
  try {
    await page.goto(extensionPageUrl);
    const result = await page.evaluate(
      (data) =>
        (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({ type: "saveConnection", data }),
      draft,
    );
    if ((result as { ok?: unknown } | undefined)?.ok !== true) {
      throw new Error(`Saving the sandbox connection failed: ${JSON.stringify(result)}`);
    }
  } finally {
    await page.close();
  }
}
