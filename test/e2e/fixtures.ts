import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, test as base, chromium, type Worker } from "@playwright/test";
import { resetSandbox, type SandboxServer, startSandboxServer } from "../sandbox";
import { CHROMIUM_FLAGS, extensionFlags, findChromium, NO_CHROMIUM_HELP } from "../support/chromium";
import { OptionsPage } from "./pages/options-page";
import { PopupPage } from "./pages/popup-page";

/**
 * The built extension the tests load: `npm run test:e2e` builds it first with `--mode e2e`, which
 * WXT puts in its own folder and which alone carries the tests' hook (entrypoints/background).
 */
export const EXTENSION_PATH = resolve(process.env.PSH_OUT_DIR ?? ".output", "chrome-mv3-e2e");

interface TestFixtures {
  /** The browser's UI language, which picks the extension's message catalog (Chromium's --lang). */
  extensionLang: string;
  /** A fresh Chromium profile with the extension loaded. */
  context: BrowserContext;
  /** The extension's service worker. */
  background: Worker;
  extensionId: string;
  /** The popup, opened as popup.html in a tab with a popup-sized viewport. */
  openPopup: () => Promise<PopupPage>;
  openOptions: () => Promise<OptionsPage>;
  /** The sandbox, emptied before each test. */
  sandbox: SandboxServer;
}

/** The options a Playwright project can set (playwright.config.ts). */
export type ExtensionOptions = Pick<TestFixtures, "extensionLang">;

interface WorkerFixtures {
  sharedSandbox: SandboxServer;
}

/** Launches the system Chromium with the built extension in a throwaway profile. */
export async function launchWithExtension(extraArgs: string[] = []): Promise<BrowserContext> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_HELP);
  const profile = mkdtempSync(join(tmpdir(), "psh-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...extensionFlags(EXTENSION_PATH), ...extraArgs],
  });
  // Chromium may still be writing the profile as it exits; a leftover temp folder is harmless.
  context.on("close", () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {}
  });
  return context;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sharedSandbox: [
    async ({}, use) => {
      // No reused connections: a reset fault then reaches the extension instead of being replayed
      // by Chromium's network stack (see SandboxServerOptions.closeEachConnection).
      const server = await startSandboxServer({ closeEachConnection: true });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  sandbox: async ({ sharedSandbox }, use) => {
    resetSandbox(sharedSandbox.state);
    await use(sharedSandbox);
    resetSandbox(sharedSandbox.state);
  },
  extensionLang: ["en-US", { option: true }],
  context: async ({ extensionLang }, use) => {
    // Playwright's `locale` does not switch extension messages; Chromium's --lang does.
    const context = await launchWithExtension([`--lang=${extensionLang}`]);
    await use(context);
    await context.close();
  },
  background: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    await use(worker);
  },
  extensionId: async ({ background }, use) => {
    await use(new URL(background.url()).host);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width: 360, height: 480 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return new PopupPage(page);
    });
  },
  openOptions: async ({ context, extensionId }, use) => {
    await use(async () => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      return new OptionsPage(page);
    });
  },
});

export { expect } from "@playwright/test";
