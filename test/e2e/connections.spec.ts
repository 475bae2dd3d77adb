import { PERMITS, SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests } from "../sandbox";
import { expectNoAxeViolations } from "./axe";
import { fillAndSaveSandbox } from "./connection";
import { expect, test } from "./fixtures";
import type { OptionsPage } from "./pages/options-page";

/** Fills the sandbox's base URL and a token, then leaves the token field, which loads the clubs. */
async function connectToSandbox(options: OptionsPage, baseUrl: string, token: string): Promise<void> {
  await options.environment.selectOption({ label: "Custom" });
  await options.baseUrl.fill(baseUrl);
  await options.token.fill(token);
  await options.token.press("Tab");
}

test.describe("clubs and connections on the options page", () => {
  test("the club picker lists the token's clubs; one picked with the keyboard gets the next send", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    const options = await openOptions();
    const { page } = options;
    await connectToSandbox(options, sandbox.url, SANDBOX_TOKENS.full);
    await expect(options.clubNote).toHaveText("8 clubs available: type to filter, or type a slug.");

    await options.club.focus();
    await page.keyboard.press("ArrowDown");
    await expect(options.club).toHaveAttribute("aria-expanded", "true");
    // What the operator sees: every club of the token, by name, each with its slug.
    await expect(options.clubOptions).toHaveText([
      "Baltic Galleria baltic-galleria",
      "Fjord Senteret fjord-senteret",
      "Harbour Centre harbour-centre",
      "Helsinki Plaza helsinki-plaza",
      "Infinity Mall infinity-mall",
      "No Registration Mall no-registration-mall",
      "Nordic Outlet nordic-outlet",
      "Nordlys Kjøpesenter nordlys-kjopesenter",
    ]);
    await expectNoAxeViolations(page, "options page with the club list open");

    await page.keyboard.type("harb");
    await expect(options.clubOptions).toHaveText(["Harbour Centre harbour-centre"]);
    await page.keyboard.press("ArrowDown");
    await expect(options.clubOptions.first()).toHaveAttribute("aria-selected", "true");
    await page.keyboard.press("Enter");
    await expect(options.club).toHaveValue(SANDBOX_CLUBS.harbourCentre);
    await expect(options.club).toHaveAttribute("aria-expanded", "false");
    await expect(options.club).toHaveAccessibleDescription(/Chosen: Harbour Centre\./u);
    // Enter picked the club; it did not save the form.
    expect(await options.storedLocal()).toEqual({});

    await page.keyboard.press("Enter");
    await expect(options.status).toHaveText("Settings saved.");
    // Left without a name, the connection is named after the club.
    await expect(options.connection("Harbour Centre")).toContainText("Active");

    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    const sends = sendRequests(sandbox.state);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.path).toBe(
      `/v3/${SANDBOX_CLUBS.harbourCentre}/members/by_email/${encodeURIComponent(SANDBOX_MEMBERS.anna)}/send_registration_password`,
    );
    expect(sends[0]?.headers["x-loyalty-club-slug"]).toBe(SANDBOX_CLUBS.harbourCentre);
  });

  test("a token that may not list clubs says so next to the field, and a typed slug still works", async ({
    openOptions,
    sandbox,
  }) => {
    const options = await openOptions();
    await connectToSandbox(options, sandbox.url, SANDBOX_TOKENS.noClubPermits);
    const message = `This token may not list its clubs (it lacks the permit ${PERMITS.listMyClubs}). Type the club's slug instead.`;
    await expect(options.clubNote).toHaveText(message);
    await expect(options.club).toHaveAccessibleDescription(new RegExp(escapeRegExp(message), "u"));
    await expect(options.club).not.toHaveAttribute("aria-invalid", "true");
    await expect(options.alert).toHaveCount(0);

    await options.club.fill(SANDBOX_CLUBS.infinityMall);
    await options.saveButton.click();
    await expect(options.status).toHaveText("Settings saved.");
    await expect(options.connection(SANDBOX_CLUBS.infinityMall)).toContainText("Active");
    // The list request really was refused for the permit.
    const listed = sandbox.state.requests.filter((r) => r.route === "list-clubs");
    expect(listed.map((r) => r.status)).toEqual([403]);
  });

  test("Make active switches the token and club the next send uses", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    const options = await openOptions();
    await fillAndSaveSandbox(options, sandbox.url, { name: "Infinity desk" });

    await options.addConnectionButton.click();
    await expect(options.formHeading).toHaveText("New connection");
    await expect(options.formHeading).toBeFocused();
    await fillAndSaveSandbox(options, sandbox.url, {
      token: SANDBOX_TOKENS.second,
      club: SANDBOX_CLUBS.harbourCentre,
      name: "Harbour desk",
    });
    await expect(options.connectionList.getByRole("listitem")).toHaveCount(2);
    // A new connection is the one the operator is about to use.
    await expect(options.connection("Harbour desk")).toContainText("Active");
    await expect(options.connection("Infinity desk")).not.toContainText("Active");

    const first = await openPopup();
    await first.sendTo(SANDBOX_MEMBERS.anna);
    await expect(first.status).toContainText("Placewise accepted the request");
    await first.page.close();

    await options.connection("Infinity desk").getByRole("button", { name: "Make active" }).click();
    await expect(options.status).toHaveText("Infinity desk is now the active connection.");
    await expect(options.connection("Infinity desk")).toContainText("Active");
    await expect(
      options.connection("Harbour desk").getByRole("button", { name: "Make active" }),
    ).toBeVisible();

    const second = await openPopup();
    await second.sendTo(SANDBOX_MEMBERS.kari);
    await expect(second.status).toContainText("Placewise accepted the request");

    const sends = sendRequests(sandbox.state);
    expect(sends.map((r) => [r.headers["x-client-authorization"], r.pathParams.club])).toEqual([
      [SANDBOX_TOKENS.second, SANDBOX_CLUBS.harbourCentre],
      [SANDBOX_TOKENS.full, SANDBOX_CLUBS.infinityMall],
    ]);
    expect(sends[1]?.path).toContain(`/v3/${SANDBOX_CLUBS.infinityMall}/members/by_email/`);
  });

  test("Delete asks first, then removes the connection and its token", async ({ openOptions, sandbox }) => {
    const options = await openOptions();
    await fillAndSaveSandbox(options, sandbox.url, { name: "Infinity desk" });
    await options.addConnectionButton.click();
    await fillAndSaveSandbox(options, sandbox.url, {
      token: SANDBOX_TOKENS.second,
      club: SANDBOX_CLUBS.harbourCentre,
      name: "Harbour desk",
    });

    const harbour = options.connection("Harbour desk");
    await harbour.getByRole("button", { name: "Delete", exact: true }).click();
    const question = harbour.getByRole("group", {
      name: "Delete Harbour desk? Its token is removed from this computer too.",
    });
    await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
    await expectNoAxeViolations(options.page, "options page asking to confirm a delete");
    expect(JSON.stringify(await options.storedLocal())).toContain(SANDBOX_TOKENS.second);

    await question.getByRole("button", { name: "Delete connection" }).click();
    await expect(options.status).toHaveText("Deleted the connection Harbour desk.");
    await expect(options.connectionList.getByRole("listitem")).toHaveCount(1);
    // The remaining connection is active again and open in the form.
    await expect(options.connection("Infinity desk")).toContainText("Active");
    await expect(options.formHeading).toHaveText("Edit connection: Infinity desk");
    expect(JSON.stringify(await options.storedLocal())).not.toContain(SANDBOX_TOKENS.second);
  });

  test("language and login URL reach the sandbox as query parameters", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    const options = await openOptions();
    await connectToSandbox(options, sandbox.url, SANDBOX_TOKENS.full);
    await options.club.fill(SANDBOX_CLUBS.infinityMall);
    await options.club.press("Tab");
    // The choices are the club's languages (member_schema), and its default, which sends none.
    await expect(options.language.locator("option")).toHaveText([
      "Club default (Norwegian)",
      "English (en)",
      "Norwegian (no)",
    ]);
    await expect(options.language).toHaveValue("");
    await options.language.selectOption({ label: "English (en)" });
    await options.loginUrl.fill("https://infinity.example.no/login?from=desk");
    await options.saveButton.click();
    await expect(options.status).toHaveText("Settings saved.");

    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.kari);
    await expect(popup.status).toContainText("Placewise accepted the request");
    const [send] = sendRequests(sandbox.state);
    expect(send?.query).toEqual({
      language: "en",
      login_url: "https://infinity.example.no/login?from=desk",
    });

    // Back to the club's default: no language parameter at all.
    await options.language.selectOption({ label: "Club default (Norwegian)" });
    await options.loginUrl.fill("");
    await options.saveButton.click();
    await expect(options.status).toHaveText("Settings saved.");
    const again = await openPopup();
    await again.sendTo(SANDBOX_MEMBERS.bjorn);
    await expect(again.status).toContainText("Placewise accepted the request");
    expect(sendRequests(sandbox.state)[1]?.query).toEqual({});
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
