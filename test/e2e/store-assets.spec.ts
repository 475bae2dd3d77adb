import type { Page } from "@playwright/test";
import { SANDBOX_MEMBERS } from "../sandbox";
import { sandboxDraft, saveSandboxConnections } from "./connection";
import { expect, test } from "./fixtures";
import { PICTURE_TIME, pictureFile, still } from "./stills";

/**
 * The store listings' pictures (store/README.md): 1280×800 screenshots and the 440×280 promo
 * tile, from the real extension, written to store/images/ by `npm run store-assets`
 * (PSH_UPDATE_STORE_ASSETS=1: playwright.config.ts runs this spec only then), the same from one run
 * to the next (stills.ts).
 */
const pictures = pictureFile("store/images");
const assetPath = pictures.path;
test.use(pictures.use);

const SCREENSHOT = { width: 1280, height: 800 };
/** The popup's width in Chrome's toolbar (popup.css); its height follows its content. */
const POPUP = { width: 360, height: 560 };

/**
 * Shows the popup at its real size on a plain 1280×800 backdrop: an extension page replaced by
 * one frame holding popup.html (an extension page may frame its own pages).
 */
async function framePopup(page: Page, extensionId: string): Promise<void> {
  await page.setViewportSize(SCREENSHOT);
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate(({ width, height }) => {
    document.head.innerHTML = "";
    document.body.innerHTML = "";
    document.body.style.cssText = "margin:0;height:100vh;display:grid;place-items:center;background:#e8edf3;";
    const frame = document.createElement("iframe");
    frame.src = "/popup.html";
    frame.width = String(width);
    frame.height = String(height);
    frame.style.cssText =
      "border:1px solid #b8c0c8;border-radius:8px;background:#fff;box-shadow:0 8px 28px rgba(0,0,0,.18);";
    document.body.append(frame);
  }, POPUP);
}

test.describe("store listing assets", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    const options = await openOptions();
    await saveSandboxConnections(options, sandbox.url, {});
    await options.page.close();
  });

  test("popup after an accepted send, framed at its real size", async ({ context, extensionId }) => {
    const page = await context.newPage();
    await framePopup(page, extensionId);
    const popup = page.frameLocator("iframe");
    const email = popup.getByLabel("Member email");
    await email.fill(SANDBOX_MEMBERS.anna);
    await email.press("Enter");
    await expect(popup.getByRole("status")).toContainText("Placewise accepted the request");
    await page.screenshot(still(assetPath("1-popup")));
  });

  test("options page", async ({ openOptions }) => {
    const options = await openOptions();
    await options.page.setViewportSize(SCREENSHOT);
    await options.page.reload();
    await expect(options.page.getByRole("heading", { level: 1 })).toBeVisible();
    await options.page.screenshot(still(assetPath("2-options")));
  });

  test("send log", async ({ openOptions, context, extensionId, sandbox }) => {
    const { generateSendLogEntries, seedSendLog, SendLogPage } = await import("./pages/send-log-page");
    const { SANDBOX_CLUBS } = await import("../sandbox");
    const options = await openOptions();
    const saved = await options.saveThroughBackground(
      sandboxDraft(sandbox.url, { label: "Harbour Centre", clubSlug: SANDBOX_CLUBS.harbourCentre }),
    );
    const host = new URL(sandbox.url).host;
    const connection = {
      id: (saved as { id: string }).id,
      label: "Harbour Centre",
      host,
      club: SANDBOX_CLUBS.harbourCentre,
      environment: "custom" as const,
    };
    await seedSendLog(
      options.page,
      generateSendLogEntries(14, [connection], PICTURE_TIME - 60_000, 37 * 60_000),
    );
    await options.page.close();

    const page = await context.newPage();
    await page.clock.setFixedTime(PICTURE_TIME);
    await page.setViewportSize(SCREENSHOT);
    await page.goto(`chrome-extension://${extensionId}/send-log.html`);
    await expect(new SendLogPage(page).rows).toHaveCount(14);
    await page.screenshot(still(assetPath("3-send-log")));
  });

  test("bulk review", async ({ context, extensionId, sandbox }) => {
    const { BulkPage } = await import("./pages/bulk-page");
    const { SANDBOX_BULK_DOMAIN } = await import("../sandbox");
    sandbox.state.catchAllEmailDomains.add(SANDBOX_BULK_DOMAIN);
    const page = await context.newPage();
    await page.setViewportSize(SCREENSHOT);
    await page.goto(`chrome-extension://${extensionId}/bulk.html`);
    const bulk = new BulkPage(page);
    const list = [
      "Name;Email",
      ...Array.from({ length: 24 }, (_, i) => `Member ${i + 1};member-${i + 1}@${SANDBOX_BULK_DOMAIN}`),
      "Broken;not-an-address",
    ].join("\r\n");
    await bulk.reviewList(list);
    await expect(bulk.review).toContainText("24 members to send to");
    await page.screenshot(still(assetPath("4-bulk")));
  });

  test("promo tile, 440×280", async ({ context, extensionId }) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 440, height: 280 });
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    // The extension's own name and short description, in English, with its icon.
    const words = await page.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { i18n: { getMessage(key: string): string } };
      };
      return {
        name: chrome.i18n.getMessage("extensionName"),
        description: chrome.i18n.getMessage("extensionDescription"),
      };
    });
    await page.evaluate(({ name, description }) => {
      document.head.innerHTML = "";
      document.body.innerHTML = "";
      document.body.style.cssText =
        "margin:0;height:100vh;display:flex;align-items:center;gap:24px;padding:0 32px;box-sizing:border-box;background:#0b5cad;color:#fff;font:16px/1.35 system-ui,sans-serif;";
      const icon = document.createElement("img");
      icon.src = "/icon/128.png";
      icon.width = 112;
      icon.height = 112;
      const text = document.createElement("div");
      const title = document.createElement("div");
      title.textContent = name;
      title.style.cssText = "font-size:26px;font-weight:700;margin-bottom:10px;";
      const line = document.createElement("div");
      line.textContent = description;
      text.append(title, line);
      document.body.append(icon, text);
    }, words);
    await expect(page.locator("img")).toHaveJSProperty("complete", true);
    await page.screenshot(still(assetPath("promo-440x280")));
  });
});
