import {
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  sendRequests,
  setFault,
  setLatency,
} from "../sandbox";
import { fillAndSaveSandbox, sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";

test.describe("sending a registration-password email from the popup", () => {
  test("an operator configures the options page, then sends once through the popup", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    const options = await openOptions();
    await fillAndSaveSandbox(options, sandbox.url, { customerId: "447" });

    // After a reload the saved token is back in its field, masked.
    await options.page.reload();
    await expect(options.token).toHaveValue(SANDBOX_TOKENS.full);
    await expect(options.token).toHaveAttribute("type", "password");
    await expect(options.baseUrl).toHaveValue(sandbox.url);

    const popup = await openPopup();
    await expect(popup.page.getByText("Custom", { exact: true })).toBeVisible();
    await expect(popup.page.getByText(SANDBOX_CLUBS.infinityMall)).toBeVisible();
    await expect(popup.emailField).toBeFocused();
    await popup.sendTo(SANDBOX_MEMBERS.anna);

    await expect(popup.status).toContainText(
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}.`,
    );
    await expect(popup.alert).toHaveCount(0);
    const requests = sendRequests(sandbox.state);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      path: "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
      body: "{}",
      status: 200,
    });
    expect(requests[0]?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-product-name": "default",
      "x-loyalty-club-slug": "infinity-mall",
      "x-customer": "447",
      "content-type": "application/json",
    });
    expect(requests[0]?.headers["x-user-agent"]).toMatch(/^Placewise Support Helper\/\d+\.\d+\.\d+$/u);
  });

  test.describe("with a saved connection", () => {
    test.beforeEach(async ({ openOptions, sandbox }) => {
      const options = await openOptions();
      await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({
        ok: true,
      });
      await options.page.close();
    });

    const failures = [
      {
        name: "an unknown member (404)",
        email: SANDBOX_MEMBERS.unknownEmail,
        alert: /No member with nobody@example\.no was found.*\(404\)/u,
      },
      {
        name: "a token without the send permit (403)",
        token: SANDBOX_TOKENS.noSendPermit,
        alert: /BL:Api:Members:CreateRegistrationPassword \(403\)/u,
      },
      {
        name: "an unknown token (401)",
        token: SANDBOX_TOKENS.unknown,
        alert: /rejected the client token \(401\)/u,
      },
    ];
    for (const failure of failures) {
      test(`says why for ${failure.name}, in an alert`, async ({ openOptions, openPopup, sandbox }) => {
        if (failure.token) {
          const options = await openOptions();
          await options.saveAndActivateThroughBackground(sandboxDraft(sandbox.url, { token: failure.token }));
          await options.page.close();
        }
        const popup = await openPopup();
        await popup.sendTo(failure.email ?? SANDBOX_MEMBERS.anna);
        await expect(popup.alert).toContainText(failure.alert);
        await expect(popup.status).toHaveText("");
        expect(sendRequests(sandbox.state)).toHaveLength(1);
      });
    }

    test("says Placewise is down for maintenance (503)", async ({ openPopup, sandbox }) => {
      setFault(sandbox.state, { kind: "maintenance" });
      const popup = await openPopup();
      await popup.sendTo(SANDBOX_MEMBERS.anna);
      await expect(popup.alert).toContainText("Placewise is down for maintenance (503). Nothing was sent.");
      await expect(popup.alert).toContainText("Try again later.");
      expect(sendRequests(sandbox.state)).toHaveLength(1);
    });

    test("names the host when the connection fails, and never claims nothing was sent", async ({
      openOptions,
      openPopup,
    }) => {
      const options = await openOptions();
      // Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
      await options.saveAndActivateThroughBackground(sandboxDraft("http://127.0.0.1:9"));
      await options.page.close();
      const popup = await openPopup();
      await popup.sendTo(SANDBOX_MEMBERS.anna);
      // The browser cannot tell a refused connection from a line that dropped after Placewise took
      // the request: the operator is told to check before sending again.
      await expect(popup.alert).toContainText(
        "The connection to 127.0.0.1:9 failed before Placewise answered. The message may or may not have been sent.",
      );
      await expect(popup.alert).toContainText("Check before sending again");
      await expect(popup.alert).not.toContainText("Nothing was sent");
    });

    test("sends nothing for an invalid address and says why", async ({ openPopup, sandbox }) => {
      const popup = await openPopup();
      await popup.sendTo("anna.example.no");
      await expect(popup.alert).toHaveText("An email address needs an @, as in anna@example.no.");
      await expect(popup.emailField).toHaveAttribute("aria-invalid", "true");
      await popup.sendButton.click();
      await expect(popup.alert).toHaveCount(1);
      expect(sendRequests(sandbox.state)).toHaveLength(0);
    });

    test("a double submit sends once", async ({ openPopup, sandbox }) => {
      setLatency(sandbox.state, 800);
      const popup = await openPopup();
      await popup.emailField.fill(SANDBOX_MEMBERS.anna);
      await popup.emailField.press("Enter");
      await expect(popup.status).toHaveText("Sending…");
      await expect(popup.sendButton).toBeDisabled();
      await popup.emailField.press("Enter");
      await popup.sendButton.click({ force: true });
      await expect(popup.status).toContainText("Placewise accepted the request", { timeout: 5000 });
      expect(sendRequests(sandbox.state)).toHaveLength(1);
    });

    test("closing the popup mid-request still completes the request", async ({ openPopup, sandbox }) => {
      setLatency(sandbox.state, 1500);
      const popup = await openPopup();
      await popup.sendTo(SANDBOX_MEMBERS.anna);
      await expect.poll(() => sendRequests(sandbox.state).length).toBe(1);
      await popup.page.close();
      // The background made the call, so it is answered (200), not cut off (status null or 0).
      await expect.poll(() => sendRequests(sandbox.state)[0]?.status, { timeout: 5000 }).toBe(200);
    });
  });
});
