import { SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests, setFault } from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";
import type { OptionsPage } from "./pages/options-page";
import { SendLogPage } from "./pages/send-log-page";

// The password reset path against the sandbox: the pre-check says the member has a password, the
// popup offers the reset link, the sandbox receives the POST, the popup and the send log say so.
test.describe("sending a password reset link from the popup", () => {
  const save = async (
    openOptions: () => Promise<OptionsPage>,
    baseUrl: string,
    token: string = SANDBOX_TOKENS.full,
  ) => {
    const options = await openOptions();
    await expect(
      options.saveThroughBackground(sandboxDraft(baseUrl, { label: "Infinity Mall", token })),
    ).resolves.toMatchObject({ ok: true });
    await options.page.close();
  };

  test("offered after a has-password pre-check, sent once on the reset path, logged as Password reset", async ({
    openOptions,
    openPopup,
    sandbox,
    context,
    extensionId,
  }) => {
    await save(openOptions, sandbox.url);
    const popup = await openPopup();

    // No offer for a member without a password.
    await popup.emailField.fill(SANDBOX_MEMBERS.anna);
    await expect(popup.precheck).toHaveText("Member found.");
    await expect(popup.resetButton).toHaveCount(0);

    await popup.emailField.fill(SANDBOX_MEMBERS.ola);
    await expect(popup.precheck).toContainText("already has a password");
    await expect(popup.resetButton).toBeVisible();
    await expect(popup.resetButton).toHaveAccessibleDescription(/valid for 24 hours/u);
    await popup.resetButton.click();

    await expect(popup.status).toHaveText(
      `Placewise accepted: a password reset link is on its way to ${SANDBOX_MEMBERS.ola}; the link is valid for 24 hours.` +
        "Placewise does not confirm delivery. If nothing arrives within a few minutes, ask the member to check their spam folder.",
    );
    await expect(popup.alert).toHaveCount(0);
    const sends = sendRequests(sandbox.state);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({
      method: "POST",
      route: "reset-by-email",
      path: "/v3/infinity-mall/members/by_email/ola.nordmann%40example.no/send_password_reset_token",
      body: "{}",
      status: 200,
    });
    expect(sends[0]?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-product-name": "default",
      "x-loyalty-club-slug": "infinity-mall",
      "x-customer": "447",
      "content-type": "application/json",
    });
    expect(sends[0]?.headers["x-user-agent"]).toMatch(/^Placewise Support Helper\/\d+\.\d+\.\d+$/u);

    // The same member again: the repeat warning holds the second reset back, nothing is sent.
    await popup.emailField.fill(SANDBOX_MEMBERS.ola);
    await popup.resetButton.click();
    await expect(popup.alert).toContainText(`Placewise accepted a send to ${SANDBOX_MEMBERS.ola}`);
    expect(sendRequests(sandbox.state)).toHaveLength(1);
    await popup.cancelButton.click();
    // A registration password is another message: the guard counts per kind.
    await popup.emailField.fill(SANDBOX_MEMBERS.ola);
    await popup.emailField.press("Enter");
    await expect(popup.status).toContainText("Placewise accepted the request to send a registration message");
    expect(sendRequests(sandbox.state).map((r) => r.route)).toEqual(["reset-by-email", "send-by-email"]);

    const page = await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`chrome-extension://${extensionId}/send-log.html`);
    const log = new SendLogPage(page);
    await expect(log.rows).toHaveCount(2);
    const header = await log.table.getByRole("columnheader").allTextContents();
    const column = header.indexOf("Message");
    expect(column).toBeGreaterThan(0);
    const texts = await log.rowTexts();
    expect(texts.map((row) => row[column])).toEqual(["Registration password", "Password reset"]);
    await log.messageFilter.selectOption({ label: "Password reset" });
    await expect(log.rows).toHaveCount(1);
    await expect(log.rowsFor(SANDBOX_MEMBERS.ola)).toContainText("Password reset");
  });

  test("says no member has that address on a 404", async ({ openOptions, openPopup, sandbox }) => {
    await save(openOptions, sandbox.url);
    // The member was removed between the pre-check and the click: only the send answers 404.
    setFault(sandbox.state, { kind: "status", status: 404, error: "Member not found", scope: "send" });
    const popup = await openPopup();
    await popup.emailField.fill(SANDBOX_MEMBERS.ola);
    await popup.resetButton.click();
    await expect(popup.alert).toContainText(
      `No member with ${SANDBOX_MEMBERS.ola} was found in this loyalty club (404). Nothing was sent.`,
    );
    await expect(popup.status).toHaveText("");
    expect(sendRequests(sandbox.state).map((r) => [r.route, r.status])).toEqual([["reset-by-email", 404]]);
  });

  test("names the missing permit BL:Api:Members:Tokens:Create on a 403", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    await save(openOptions, sandbox.url, SANDBOX_TOKENS.noResetPermit);
    const popup = await openPopup();
    await popup.emailField.fill(SANDBOX_MEMBERS.ola);
    await popup.resetButton.click();
    await expect(popup.alert).toContainText(
      "The client token lacks the permit BL:Api:Members:Tokens:Create (403). Nothing was sent.",
    );
    expect(sendRequests(sandbox.state).map((r) => [r.route, r.status])).toEqual([["reset-by-email", 403]]);
  });
});
