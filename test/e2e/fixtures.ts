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
  /** More Chromium flags for this test's browser. */
  chromiumFlags: string[];
  /** A fresh Chromium profile with the extension loaded. */
  context: BrowserContext;
  /** The extension's service worker. */
  background: Worker;
  extensionId: string;
  /** The popup, opened as popup.html in a tab with a popup-sized viewport. */
  openPopup: () => Promise<PopupPage>;
  /** The side panel (the popup's form), opened as sidepanel.html in a tab at a side panel's size. */
  openSidePanel: () => Promise<PopupPage>;
  openOptions: () => Promise<OptionsPage>;
  /** The sandbox, emptied before each test. */
  sandbox: SandboxServer;
}

/** The options a Playwright project can set (playwright.config.ts). */
export type ExtensionOptions = Pick<TestFixtures, "extensionLang">;

interface WorkerFixtures {
  /**
   * The sandbox's port: 0 (the default) picks a free one, so parallel workers never collide; the
   * README screenshots fix it (screenshots.spec.ts), as the port shows in their pictures.
   */
  sandboxPort: number;
  sharedSandbox: SandboxServer;
}

type LaunchOptions = NonNullable<Parameters<typeof chromium.launchPersistentContext>[1]>;

/** Launches the system Chromium with the built extension in a throwaway profile. */
export async function launchWithExtension(
  extraArgs: string[] = [],
  options: Pick<LaunchOptions, "timezoneId" | "reducedMotion"> = {},
): Promise<BrowserContext> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(NO_CHROMIUM_HELP);
  const profile = mkdtempSync(join(tmpdir(), "psh-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    ...options,
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

/** The popup's form (popup.html or sidepanel.html) in a new tab of this size. */
async function openFormPage(
  context: BrowserContext,
  extensionId: string,
  file: string,
  size: { width: number; height: number },
): Promise<PopupPage> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return new PopupPage(page);
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandboxPort: [0, { scope: "worker", option: true }],
  sharedSandbox: [
    async ({ sandboxPort }, use) => {
      // No reused connections: a reset fault then reaches the extension instead of being replayed
      // by Chromium's network stack (see SandboxServerOptions.closeEachConnection).
      const server = await startSandboxServer({ closeEachConnection: true, port: sandboxPort }).catch(
        (error: unknown) => {
          if ((error as { code?: string }).code !== "EADDRINUSE") throw error;
          throw new Error(
            `Port ${sandboxPort} is taken, and these tests need the sandbox on it (the port shows in their pictures). Stop what listens there (another \`npm run screenshots\` or \`npm run store-assets\`? \`ss -ltnp 'sport = ${sandboxPort}'\` names it) and run them again.`,
          );
        },
      );
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
  chromiumFlags: [[], { option: true }],
  context: async ({ extensionLang, chromiumFlags, timezoneId, reducedMotion }, use) => {
    // Playwright's `locale` does not switch extension messages; Chromium's --lang does. Its
    // `timezoneId` and `reducedMotion` (unset: the machine's) apply, as this context replaces its own.
    const context = await launchWithExtension([`--lang=${extensionLang}`, ...chromiumFlags], {
      timezoneId,
      reducedMotion,
    });
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
    await use(() => openFormPage(context, extensionId, "popup.html", { width: 360, height: 480 }));
  },
  openSidePanel: async ({ context, extensionId }, use) => {
    await use(() => openFormPage(context, extensionId, "sidepanel.html", { width: 360, height: 800 }));
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
