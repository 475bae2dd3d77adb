import { formatCatalogMessage, loadCatalog } from "../support/catalog";
import { sandboxDraft } from "./connection";
import { expect, launchWithExtension, test } from "./fixtures";
import { OptionsPage } from "./pages/options-page";

/** The popup's width in Chrome and Firefox; nothing in it may be wider. */
const POPUP_WIDTH = 360;

/** As long as a label may be (60 characters); its option once made the connection select 384 px wide. */
const LONG_LABEL = "Storsenteret Sandvika Infinity Mall – kundeservice og drift";

// Every language, each in its own Chromium (--lang picks the catalog): translations run longer
// than English, and the switcher, the channel row and the field's problem must still fit.
for (const [lang, catalogName] of [
  ["en-US", "en"],
  ["nb", "nb"],
  ["sv", "sv"],
  ["da", "da"],
] as const) {
  test(`nothing in the popup overflows ${POPUP_WIDTH} px with a long connection label (${lang})`, async ({
    sandbox,
  }) => {
    const catalog = loadCatalog(catalogName);
    const say = (key: string, ...subs: string[]) => formatCatalogMessage(catalog, key, subs);
    const context = await launchWithExtension([`--lang=${lang}`]);
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
      const extensionId = new URL(worker.url()).host;
      const optionsTab = await context.newPage();
      await optionsTab.goto(`chrome-extension://${extensionId}/options.html`);
      const options = new OptionsPage(optionsTab);
      for (const label of [LONG_LABEL, `${LONG_LABEL.slice(0, -2)} 2`]) {
        await expect(
          options.saveThroughBackground(sandboxDraft(sandbox.url, { label })),
        ).resolves.toMatchObject({
          ok: true,
        });
      }

      const page = await context.newPage();
      await page.setViewportSize({ width: POPUP_WIDTH, height: 600 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(page.getByLabel(say("popup_connection"))).toBeVisible();
      // With the field's longest state too: a refused number and the offer to switch to email.
      await page.getByRole("radio", { name: say("popup_channelSms") }).check();
      const phone = page.getByLabel(say("popup_memberPhone"));
      await phone.fill("anna@example.no");
      await phone.press("Enter");
      await expect(page.getByRole("button", { name: say("popup_switchToEmail") })).toBeVisible();

      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        select: document.querySelector("select")?.getBoundingClientRect().right ?? 0,
      }));
      expect(widths.page).toBeLessThanOrEqual(POPUP_WIDTH);
      expect(widths.select).toBeLessThanOrEqual(POPUP_WIDTH);
    } finally {
      await context.close();
    }
  });
}
