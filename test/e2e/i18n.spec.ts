import { SANDBOX_MEMBERS, sendRequests } from "../sandbox";
import { formatCatalogMessage, loadCatalog } from "../support/catalog";
import { expectNoAxeViolations } from "./axe";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";

// Runs in every project: English in "en", Norwegian Bokmål in "nb" (Chromium started with
// --lang=nb). The expected words come from that language's catalog, so the test proves the
// switch without copying translations.
test("the popup speaks the browser's language", async ({
  extensionLang,
  openOptions,
  openPopup,
  sandbox,
}) => {
  const catalog = loadCatalog(extensionLang.startsWith("nb") ? "nb" : "en");
  const say = (key: string, ...subs: string[]) => formatCatalogMessage(catalog, key, subs);

  const options = await openOptions();
  await expect(options.page.getByRole("heading", { level: 1 })).toHaveText(say("options_title"));
  await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({ ok: true });

  const popup = await openPopup();
  const field = popup.page.getByLabel(say("popup_memberEmail"));
  await expect(field).toBeFocused();
  await field.fill(SANDBOX_MEMBERS.anna);
  await field.press("Enter");
  await expect(popup.page.getByRole("status")).toContainText(say("outcome_accepted", SANDBOX_MEMBERS.anna));
  expect(sendRequests(sandbox.state)).toHaveLength(1);
  await expect(popup.page.locator("html")).toHaveAttribute(
    "lang",
    extensionLang.startsWith("nb") ? /^nb/u : /^en/u,
  );
  await expectNoAxeViolations(popup.page, `popup after a send (${extensionLang})`);
});
