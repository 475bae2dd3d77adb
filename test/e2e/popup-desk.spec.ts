import type { BrowserContext } from "@playwright/test";
import {
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  type SandboxServer,
  type SandboxState,
  sendRequests,
} from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";
import type { OptionsPage } from "./pages/options-page";
import { PopupPage } from "./pages/popup-page";

// The popup at a support desk: SMS, pre-check, several connections, the last sends, and the
// warning before a member gets a second message.

/** The pre-check lookups the sandbox received, oldest first. */
function publicInfoRequests(state: SandboxState) {
  return state.requests.filter(
    (r) => r.route === "public-info-by-email" || r.route === "public-info-by-msisdn",
  );
}

/** Saves connections through the background, the last one active; returns their ids. */
async function saveConnections(
  openOptions: () => Promise<OptionsPage>,
  sandbox: SandboxServer,
  ...changes: Array<Parameters<typeof sandboxDraft>[1]>
): Promise<string[]> {
  const options = await openOptions();
  const ids: string[] = [];
  for (const change of changes) {
    const saved = (await options.saveThroughBackground(sandboxDraft(sandbox.url, change))) as {
      ok: boolean;
      id: string;
    };
    expect(saved).toMatchObject({ ok: true });
    ids.push(saved.id);
  }
  await options.page.close();
  return ids;
}

/** Opens the popup with Playwright's clock in charge of its timers, so a test can let the field rest. */
async function openPopupWithClock(context: BrowserContext, extensionId: string): Promise<PopupPage> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 480 });
  await page.clock.install();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  return new PopupPage(page);
}

test.describe("SMS from the popup", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    // infinity-mall: Norwegian, members sign up with email or mobile number.
    await saveConnections(openOptions, sandbox, {});
  });

  // One test per form: a second send to the same member within ten minutes would be held back.
  for (const pasted of ["+47 407 69 126", "0047 40769126", "407 69 126"]) {
    test(`normalizes "${pasted}" before sending and sends it as digits`, async ({ openPopup, sandbox }) => {
      const popup = await openPopup();
      await expect(popup.emailChannel).toBeChecked();
      await popup.smsChannel.check();
      await expect(popup.phoneField).toBeVisible();
      await popup.phoneField.fill(pasted);
      await expect(popup.phoneField).toHaveAccessibleDescription(/Will send to \+47 40 76 91 26/u);
      expect(sendRequests(sandbox.state)).toHaveLength(0);

      await popup.phoneField.press("Enter");
      await expect(popup.status).toContainText(
        "Placewise accepted the request to send a registration message to +47 40 76 91 26.",
      );
      const requests = sendRequests(sandbox.state);
      expect(requests).toHaveLength(1);
      expect(requests[0]?.path).toBe(
        "/v3/infinity-mall/members/by_msisdn/4740769126/send_registration_password",
      );
      expect(requests[0]?.path).toContain("/by_msisdn/4740769126/");
      expect(requests[0]?.status).toBe(200);
    });
  }

  test("refuses a landline with a reason and sends nothing", async ({ openPopup, sandbox }) => {
    const popup = await openPopup();
    await popup.sendSmsTo("+47 22 12 34 56");
    await expect(popup.alert).toContainText("This is not a valid mobile number.");
    await expect(popup.phoneField).toHaveAttribute("aria-invalid", "true");
    await expect(popup.status).toHaveText("");
    expect(sendRequests(sandbox.state)).toHaveLength(0);
  });

  test("loads the phone checker only once SMS is chosen, and remembers the choice", async ({
    openPopup,
    sandbox,
  }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    // The email path never starts the phone worker (libphonenumber and its metadata).
    expect(popup.page.workers()).toHaveLength(0);

    await popup.smsChannel.check();
    await popup.phoneField.fill("407 69 126");
    await expect(popup.phoneField).toHaveAccessibleDescription(/Will send to \+47 40 76 91 26/u);
    expect(popup.page.workers()).toHaveLength(1);
    expect(popup.page.workers()[0]?.url()).toMatch(/\/assets\/phone-worker-[\w-]+\.js$/u);

    // The operator's last choice is where the next popup starts, for a club that has both.
    const next = await openPopup();
    await expect(next.smsChannel).toBeChecked();
    await expect(next.phoneField).toBeFocused();
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("starts on SMS, focused, for a club whose members sign up by mobile number only", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    await saveConnections(openOptions, sandbox, { clubSlug: SANDBOX_CLUBS.nordicOutlet, customerId: "613" });
    const popup = await openPopup();
    await expect(popup.page.getByText(SANDBOX_CLUBS.nordicOutlet, { exact: true })).toBeVisible();
    await expect(popup.smsChannel).toBeChecked();
    await expect(popup.emailChannel).toBeDisabled();
    await expect(popup.channels).toHaveAccessibleDescription(
      "This club's members sign up with a mobile number only.",
    );
    await expect(popup.phoneField).toBeFocused();
    // A Danish club: a number without a country code is Danish.
    await popup.phoneField.fill("20 12 34 56");
    await expect(popup.phoneField).toHaveAccessibleDescription(/Will send to \+45 20 12 34 56/u);
    await popup.phoneField.press("Enter");
    await expect(popup.status).toContainText("+45 20 12 34 56");
    expect(sendRequests(sandbox.state)[0]?.path).toBe(
      "/v3/nordic-outlet/members/by_msisdn/4520123456/send_registration_password",
    );
  });
});

test.describe("pre-check", () => {
  test("says before sending whether the member exists and has a password", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    await saveConnections(openOptions, sandbox, {});
    const popup = await openPopup();

    await popup.emailField.fill(SANDBOX_MEMBERS.anna);
    await expect(popup.precheck).toHaveText("Member found.");
    await expect(popup.emailField).toHaveAccessibleDescription(/Member found\./u);

    await popup.emailField.fill(SANDBOX_MEMBERS.ola);
    await expect(popup.precheck).toHaveText(
      "Member found, and already has a password: a password reset may be what they need.",
    );

    await popup.emailField.fill(SANDBOX_MEMBERS.unknownEmail);
    await expect(popup.precheck).toHaveText(
      "No member with this address in infinity-mall: Placewise would not send anything. Ask the member to sign up first, or check the address.",
    );

    await popup.smsChannel.check();
    await popup.phoneField.fill("407 69 126");
    await expect(popup.precheck).toHaveText("Member found.");

    const lookups = publicInfoRequests(sandbox.state);
    expect(lookups.map((r) => r.path)).toEqual([
      "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/public_info",
      "/v3/infinity-mall/members/by_email/ola.nordmann%40example.no/public_info",
      "/v3/infinity-mall/members/by_email/nobody%40example.no/public_info",
      "/v3/infinity-mall/members/by_msisdn/4740769126/public_info",
    ]);
    // Information only: nothing was sent.
    expect(sendRequests(sandbox.state)).toHaveLength(0);
  });

  test("a token without Members:Check: says so once and stops asking", async ({
    context,
    extensionId,
    openOptions,
    sandbox,
  }) => {
    await saveConnections(openOptions, sandbox, { token: SANDBOX_TOKENS.noCheckPermit });
    const popup = await openPopupWithClock(context, extensionId);

    await popup.emailField.fill(SANDBOX_MEMBERS.anna);
    await popup.page.clock.runFor(1_000);
    await expect(popup.precheck).toHaveText("Pre-check is off: the token lacks BL:Api:Members:Check.");

    // Each address rests well past the pre-check's wait before the next one.
    for (const address of [SANDBOX_MEMBERS.ola, SANDBOX_MEMBERS.kari, SANDBOX_MEMBERS.unknownEmail]) {
      await popup.emailField.fill(address);
      await popup.page.clock.runFor(1_000);
      await expect(popup.precheck).toHaveText("Pre-check is off: the token lacks BL:Api:Members:Check.");
    }
    // Sending still works, and by the time its answer is shown any lookup asked before it has arrived.
    await popup.emailField.fill(SANDBOX_MEMBERS.anna);
    await popup.page.clock.runFor(1_000);
    await popup.emailField.press("Enter");
    await expect(popup.status).toContainText("Placewise accepted the request");
    expect(sendRequests(sandbox.state)).toHaveLength(1);
    expect(publicInfoRequests(sandbox.state)).toHaveLength(1);
    expect(publicInfoRequests(sandbox.state)[0]?.status).toBe(403);
  });
});

test.describe("connections", () => {
  test("switching in the popup makes the next request use the other token and club", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    const [infinity, harbour] = await saveConnections(
      openOptions,
      sandbox,
      { label: "Infinity desk" },
      {
        label: "Harbour desk",
        token: SANDBOX_TOKENS.second,
        clubSlug: SANDBOX_CLUBS.harbourCentre,
        customerId: "512",
      },
    );
    const popup = await openPopup();
    // The connection saved last is the active one.
    await expect(popup.connection).toHaveValue(harbour ?? "");
    await expect(popup.page.getByText(SANDBOX_CLUBS.harbourCentre, { exact: true })).toBeVisible();
    await expect(popup.connection.locator("option")).toHaveText([
      "Infinity desk (Custom)",
      "Harbour desk (Custom)",
    ]);

    await popup.connection.selectOption({ label: "Infinity desk (Custom)" });
    await expect(popup.page.getByText(SANDBOX_CLUBS.infinityMall, { exact: true })).toBeVisible();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");

    await popup.connection.selectOption({ label: "Harbour desk (Custom)" });
    await expect(popup.page.getByText(SANDBOX_CLUBS.harbourCentre, { exact: true })).toBeVisible();
    // Harbour Centre's members sign up by email only.
    await expect(popup.smsChannel).toBeDisabled();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");

    const [first, second] = sendRequests(sandbox.state);
    expect(first?.path).toBe(
      "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
    );
    expect(first?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.full,
      "x-loyalty-club-slug": SANDBOX_CLUBS.infinityMall,
      "x-customer": "447",
    });
    expect(second?.path).toBe(
      "/v3/harbour-centre/members/by_email/anna%2Bmall%40example.no/send_registration_password",
    );
    expect(second?.headers).toMatchObject({
      "x-client-authorization": SANDBOX_TOKENS.second,
      "x-loyalty-club-slug": SANDBOX_CLUBS.harbourCentre,
      "x-customer": "512",
    });

    // The switch is saved: the next popup opens on it.
    const next = await openPopup();
    await expect(next.connection).toHaveValue(harbour ?? "");
    expect(infinity).not.toBe(harbour);
  });
});

test.describe("recent sends and the recent-send warning", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    await saveConnections(openOptions, sandbox, {});
  });

  test("a second send to the same member waits for a confirmation; Send again sends it", async ({
    openPopup,
    sandbox,
  }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    await expect(popup.recentSends).toHaveText([/anna\+mall@example\.no\s*Accepted\s*just now/u]);

    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.alert).toContainText(
      `Placewise accepted a send to ${SANDBOX_MEMBERS.anna} just now. Nothing was sent.`,
    );
    await expect(popup.emailField).toBeFocused();
    expect(sendRequests(sandbox.state)).toHaveLength(1);

    await popup.sendAgainButton.click();
    await expect(popup.status).toContainText("Placewise accepted the request");
    await expect(popup.alert).toHaveCount(0);
    expect(sendRequests(sandbox.state)).toHaveLength(2);
    await expect(popup.recentSends).toHaveCount(2);
  });

  test("Cancel sends nothing", async ({ openPopup, sandbox }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.alert).toContainText("Nothing was sent.");

    await popup.cancelButton.click();
    await expect(popup.alert).toHaveCount(0);
    await expect(popup.emailField).toBeFocused();
    await expect(popup.emailField).toHaveValue(SANDBOX_MEMBERS.anna);
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("lists the last sends, newest first, and links to the Send log", async ({ context, openPopup }) => {
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.unknownEmail);
    await expect(popup.alert).toContainText("(404)");
    await popup.sendTo(SANDBOX_MEMBERS.kari);
    await expect(popup.status).toContainText("Placewise accepted the request");
    await expect(popup.recentSends).toHaveText([
      /kari@example\.com\s*Accepted\s*just now/u,
      /nobody@example\.no\s*No member \(404\)\s*just now/u,
    ]);

    // A predicate: the first install's welcome tab is a page event too.
    const opened = context.waitForEvent("page", (page) => page.url().includes("/send-log.html"));
    await popup.sendLogLink.click();
    const sendLog = await opened;
    expect(sendLog.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\/send-log\.html$/u);
  });
});
