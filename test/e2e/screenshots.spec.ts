import { SANDBOX_MEMBERS, setFault } from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";

// The README's pictures, taken from the real extension so they never go stale. Each is also a
// check: the state it shows must be reached first.
test.describe("README screenshots", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    const options = await openOptions();
    await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({ ok: true });
    await options.page.close();
  });

  test("popup: accepted and refused", async ({ openPopup, sandbox }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    await popup.page.screenshot({ path: "test/screenshots/popup.png" });

    setFault(sandbox.state, { kind: "rate-limit", retryAfterSeconds: 30 });
    await popup.sendTo(SANDBOX_MEMBERS.kari);
    await expect(popup.alert).toContainText("Wait 30 seconds");
    await popup.page.screenshot({ path: "test/screenshots/popup-error.png" });
  });

  test("options page", async ({ openOptions }) => {
    const options = await openOptions();
    await options.page.setViewportSize({ width: 900, height: 1000 });
    await expect(options.token).not.toHaveValue("");
    await options.testButton.click();
    await expect(options.status).toContainText("Connected: the club is Infinity Mall");
    await options.page.screenshot({ path: "test/screenshots/options.png", fullPage: true });
  });
});
