import { SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests } from "../sandbox";
import { expectNoAxeViolations } from "./axe";
import { fillAndSaveSandbox, sandboxForm } from "./connection";
import { expect, test } from "./fixtures";

test.describe("the options page and the first run", () => {
  test("a fresh popup explains what is missing and opens the options page", async ({
    context,
    openPopup,
  }) => {
    const popup = await openPopup();
    await expect(popup.page.getByRole("heading", { name: "Connect to Placewise first" })).toBeVisible();
    await expect(popup.emailField).toHaveCount(0);
    const [options] = await Promise.all([
      context.waitForEvent("page", (page) => page.url().endsWith("/options.html")),
      popup.page.getByRole("button", { name: "Open settings" }).click(),
    ]);
    await expect(options.getByRole("heading", { name: "Placewise Support Helper settings" })).toBeVisible();
  });

  test("the whole flow works with the keyboard alone", async ({ openOptions, openPopup, sandbox }) => {
    const options = await openOptions();
    const { page } = options;
    await options.environment.focus();
    await page.keyboard.press("End"); // Custom is the last choice
    await expect(options.environment).toHaveValue("custom");
    await page.keyboard.press("Tab");
    await expect(options.baseUrl).toBeFocused();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(sandbox.url);
    await page.keyboard.press("Tab");
    await expect(options.token).toBeFocused();
    await page.keyboard.type(SANDBOX_TOKENS.full);
    await options.club.focus();
    await page.keyboard.type(SANDBOX_CLUBS.infinityMall);
    await page.keyboard.press("Enter");
    await expect(options.status).toHaveText("Settings saved.");

    const popup = await openPopup();
    await expect(popup.emailField).toBeFocused();
    await popup.page.keyboard.type(SANDBOX_MEMBERS.kari);
    await popup.page.keyboard.press("Enter");
    await expect(popup.status).toContainText(`registration message to ${SANDBOX_MEMBERS.kari}`);
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("Test connection names the club, and treats a token that may not read clubs as information", async ({
    openOptions,
    sandbox,
  }) => {
    const options = await openOptions();
    await options.fill(sandboxForm(sandbox.url));
    await options.testButton.click();
    await expect(options.status).toHaveText("Connected: the club is Infinity Mall (infinity-mall).");

    await options.token.fill(SANDBOX_TOKENS.noClubPermits);
    await options.testButton.click();
    await expect(options.status).toContainText("The token works, but it may not read club details");
    await expect(options.alert).toHaveCount(0);

    await options.token.fill(SANDBOX_TOKENS.unknown);
    await options.testButton.click();
    await expect(options.alert).toContainText("Placewise rejected the client token (401).");
    // Testing saves nothing.
    expect(await options.storedLocal()).toEqual({});
  });

  test("validation messages sit next to their fields and nothing is saved", async ({ openOptions }) => {
    const options = await openOptions();
    await options.fillAndSave(
      sandboxForm("http://api.example.com", { club: "Infinity Mall", customerId: "44a" }),
    );
    // A failure is an alert in the error tone, not the green status, and focus goes to the first field.
    await expect(options.alert).toHaveText("Not saved: correct the fields marked below.");
    await expect(options.alert).toHaveClass(/outcome-error/u);
    await expect(options.status).toHaveText("");
    await expect(options.baseUrl).toBeFocused();
    await expect(options.baseUrl).toHaveAttribute("aria-invalid", "true");
    await expect(options.baseUrl).toHaveAccessibleDescription(/must start with https:\/\//u);
    await expect(options.club).toHaveAccessibleDescription(/lower-case letters, digits and hyphens/u);
    await expect(options.customerId).toHaveAccessibleDescription(/digits only/u);
    expect(await options.storedLocal()).toEqual({});
  });

  test("an environment not chosen is marked like every other field with a problem", async ({
    openOptions,
  }) => {
    const options = await openOptions();
    await options.token.fill(SANDBOX_TOKENS.full);
    await options.saveButton.click();
    await expect(options.alert).toHaveText("Not saved: correct the fields marked below.");
    await expect(options.environment).toHaveAttribute("aria-invalid", "true");
    // What a sighted operator sees: the same red, thick border as the invalid club field beside it.
    const border = (locator: typeof options.environment) =>
      locator.evaluate((element) => {
        const style = getComputedStyle(element);
        return `${style.borderTopWidth} ${style.borderTopColor}`;
      });
    await expect(options.club).toHaveAttribute("aria-invalid", "true");
    expect(await border(options.environment)).toBe(await border(options.club));
    expect(await options.storedLocal()).toEqual({});
  });

  test("Save tests the connection: a token the sandbox rejects (401) is saved, marked, and not made active", async ({
    openOptions,
    sandbox,
  }) => {
    const options = await openOptions();
    await fillAndSaveSandbox(options, sandbox.url);

    await options.addConnectionButton.click();
    await options.fillAndSave(
      sandboxForm(sandbox.url, {
        token: SANDBOX_TOKENS.unknown,
        club: SANDBOX_CLUBS.harbourCentre,
        name: "Wrong token",
      }),
    );
    await expect(options.status).toHaveText(
      "Settings saved. It was not made the active connection, because the connection test did not pass.",
    );
    await expect(options.token).toBeFocused();
    await expect(options.token).toHaveAttribute("aria-invalid", "true");
    await expect(options.token).toHaveAccessibleDescription(/Placewise rejected this token \(401\)/u);
    await expect(options.connection("Wrong token")).toContainText("Token rejected (401)");
    await expect(options.connection("Infinity Mall")).toContainText("Active");
    await expect(options.connection("Wrong token")).not.toContainText("Active");
    // The sandbox really answered 401 to the club read Save made with that token.
    const clubReads = sandbox.state.requests.filter(
      (r) => r.headers["x-client-authorization"] === SANDBOX_TOKENS.unknown,
    );
    expect(clubReads.map((r) => [r.path, r.status])).toContainEqual([
      `/v3/loyalty_clubs/${SANDBOX_CLUBS.harbourCentre}`,
      401,
    ]);
  });

  test("desk preferences are saved as they change; a bad number is refused next to its field", async ({
    openOptions,
  }) => {
    const options = await openOptions();
    const preferences = async () =>
      ((await options.storedLocal()).settings as { preferences?: Record<string, unknown> } | undefined)
        ?.preferences;
    await expect(options.precheck).toBeChecked();
    await expect(options.recentSendMinutes).toHaveValue("10");

    await options.sendLogEnabled.uncheck();
    await expect(options.status).toHaveText("Preferences saved.");
    await expect.poll(preferences).toMatchObject({ sendLogEnabled: false });

    await options.recentSendMinutes.fill("0");
    await options.recentSendMinutes.press("Tab");
    await expect.poll(preferences).toMatchObject({ sendLogEnabled: false, recentSendMinutes: 0 });

    await options.sendLogRetentionDays.fill("0");
    await options.sendLogRetentionDays.press("Tab");
    await expect(options.alert).toHaveText("Preferences not saved: correct the marked field.");
    await expect(options.sendLogRetentionDays).toHaveAttribute("aria-invalid", "true");
    await expect(options.sendLogRetentionDays).toHaveAccessibleDescription(
      /Enter a whole number from 1 to 3,650\./u,
    );
    expect(await preferences()).toMatchObject({ sendLogRetentionDays: 90 });
    await expectNoAxeViolations(options.page, "options page with a refused preference");

    // What was saved is there after a reload.
    await options.page.reload();
    await expect(options.sendLogEnabled).not.toBeChecked();
    await expect(options.recentSendMinutes).toHaveValue("0");
    await expect(options.sendLogRetentionDays).toHaveValue("90");
  });

  test("Forget token removes it, and the popup then asks for a connection", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    const options = await openOptions();
    await fillAndSaveSandbox(options, sandbox.url);
    await options.forgetButton.click();
    await expect(options.status).toHaveText("The client token was removed from this computer.");
    await expect(options.token).toHaveValue("");
    const stored = await options.storedLocal();
    expect(JSON.stringify(stored)).not.toContain(SANDBOX_TOKENS.full);
    const popup = await openPopup();
    await expect(popup.page.getByRole("heading", { name: "Connect to Placewise first" })).toBeVisible();
  });
});
