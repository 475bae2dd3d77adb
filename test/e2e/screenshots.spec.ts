import { SANDBOX_MEMBERS, setFault } from "../sandbox";
import { sandboxDraft, saveSandboxConnections } from "./connection";
import { expect, test } from "./fixtures";
import { PICTURE_TIME, pictureFile, still } from "./stills";

/** The README's pictures, in test/screenshots/: `npm run screenshots` (PSH_UPDATE_SCREENSHOTS=1). */
const pictures = pictureFile("test/screenshots");
const shotPath = pictures.path;
// The same pictures from every run of `npm run screenshots` (stills.ts).
test.use(pictures.use);

// The README's pictures, taken from the real extension so they never go stale. Each is also a
// check: the state it shows must be reached first.
test.describe("README screenshots", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    const options = await openOptions();
    await saveSandboxConnections(options, sandbox.url, {});
    await options.page.close();
  });

  test("popup: idle, SMS, accepted, refused, recent-send warning", async ({
    openOptions,
    openPopup,
    sandbox,
  }) => {
    // A desk serving two malls. (Imported here so this test touches no line of the others.)
    const { SANDBOX_CLUBS, SANDBOX_TOKENS, clearFaults } = await import("../sandbox");
    const options = await openOptions();
    const second = sandboxDraft(sandbox.url, {
      label: "Harbour Centre desk",
      token: SANDBOX_TOKENS.second,
      clubSlug: SANDBOX_CLUBS.harbourCentre,
      customerId: "512",
    });
    await expect(options.saveThroughBackground(second)).resolves.toMatchObject({ ok: true });
    await options.page.close();
    // The popup's own box: Chrome sizes a popup to its content, not to the test's viewport.
    const shoot = (popup: { page: import("@playwright/test").Page }, name: string) =>
      popup.page.locator("main").screenshot(still(shotPath(name)));

    const popup = await openPopup();
    await popup.connection.selectOption({ label: "Infinity Mall (Custom)" });
    await expect(popup.page.getByText(SANDBOX_CLUBS.infinityMall, { exact: true })).toBeVisible();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText("Placewise accepted the request");
    await expect(popup.recentSends).toHaveCount(1);
    await shoot(popup, "popup");

    await popup.emailField.fill(SANDBOX_MEMBERS.anna);
    await expect(popup.precheck).toHaveText("Member found.");
    await popup.emailField.press("Enter");
    await expect(popup.alert).toContainText("Nothing was sent.");
    await expect(popup.sendAgainButton).toBeVisible();
    await shoot(popup, "popup-warning");
    await popup.cancelButton.click();

    setFault(sandbox.state, { kind: "rate-limit", retryAfterSeconds: 30 });
    await popup.sendTo(SANDBOX_MEMBERS.kari);
    await expect(popup.alert).toContainText("Wait 30 seconds");
    await expect(popup.recentSends).toHaveCount(2);
    await shoot(popup, "popup-error");
    clearFaults(sandbox.state);

    const fresh = await openPopup();
    await expect(fresh.emailField).toBeFocused();
    await expect(fresh.recentSends).toHaveCount(2);
    await shoot(fresh, "popup-idle");

    await fresh.smsChannel.check();
    await fresh.phoneField.fill("407 69 126");
    await expect(fresh.phoneField).toHaveAccessibleDescription(/Will send to \+47 40 76 91 26/u);
    await expect(fresh.precheck).toHaveText("Member found.");
    await shoot(fresh, "popup-sms");
  });

  test("side panel: a member with a password is offered the reset link", async ({ openSidePanel }) => {
    const panel = await openSidePanel();
    await panel.emailField.fill(SANDBOX_MEMBERS.ola);
    await expect(panel.precheck).toContainText("already has a password");
    await expect(panel.resetButton).toBeVisible();
    await panel.page.screenshot(still(shotPath("sidepanel-reset-offer")));
    await panel.resetButton.click();
    await expect(panel.status).toContainText("password reset link is on its way");
    await panel.page.screenshot(still(shotPath("sidepanel-reset-sent")));
  });

  test("options page", async ({ openOptions, sandbox }) => {
    // A desk serving two malls: a second connection, then the first made active again, as an
    // operator would. (Imported here so this test touches no line of the others.)
    const { SANDBOX_CLUBS, SANDBOX_TOKENS } = await import("../sandbox");
    const second = sandboxDraft(sandbox.url, {
      label: "Harbour Centre desk",
      token: SANDBOX_TOKENS.second,
      clubSlug: SANDBOX_CLUBS.harbourCentre,
      customerId: "",
    });
    const options = await openOptions();
    await expect(options.saveThroughBackground(second)).resolves.toMatchObject({ ok: true });
    await options.page.reload();
    await options.page.setViewportSize({ width: 900, height: 1000 });
    await options.connection("Infinity Mall").getByRole("button", { name: "Make active" }).click();
    await expect(options.connection("Infinity Mall")).toContainText("Active");
    await options.connection("Infinity Mall").getByRole("button", { name: "Edit" }).click();
    await expect(options.formHeading).toHaveText("Edit connection: Infinity Mall");
    await expect(options.token).not.toHaveValue("");
    await expect(options.clubNote).toHaveText("8 clubs available: type to filter, or type a slug.");
    await expect(options.language.locator("option").first()).toHaveText("Club default (Norwegian)");
    await options.testButton.click();
    await expect(options.status).toContainText("Connected: the club is Infinity Mall");
    await options.page.screenshot({ ...still(shotPath("options")), fullPage: true });
  });
});

test("send log", async ({ openOptions, context, extensionId, sandbox }) => {
  // Self-contained (its imports too, so it touches no line of the tests above): two saved
  // connections and 22 mixed entries, some from a connection since removed.
  const { generateSendLogEntries, seedSendLog, SendLogPage } = await import("./pages/send-log-page");
  type EntryConnection = import("./pages/send-log-page").EntryConnection;
  const { SANDBOX_CLUBS } = await import("../sandbox");
  const options = await openOptions();
  const host = new URL(sandbox.url).host;
  const save = async (label: string, club: string): Promise<EntryConnection> => {
    const saved = await options.saveThroughBackground(sandboxDraft(sandbox.url, { label, clubSlug: club }));
    return { id: (saved as { id: string }).id, label, host, club, environment: "custom" };
  };
  const connections: EntryConnection[] = [
    await save("Infinity Mall", SANDBOX_CLUBS.infinityMall),
    await save("Harbour Centre", SANDBOX_CLUBS.harbourCentre),
    // Not saved: its rows say "(removed)".
    {
      id: "removed",
      label: "Fjord Senteret",
      host,
      club: SANDBOX_CLUBS.fjordSenteret,
      environment: "custom",
    },
  ];
  // The newest a minute before the page's clock, which shows the dates "this year" leaves short.
  await seedSendLog(
    options.page,
    generateSendLogEntries(22, connections, PICTURE_TIME - 60_000, 41 * 60_000),
  );
  await options.page.close();

  const page = await context.newPage();
  await page.clock.setFixedTime(PICTURE_TIME);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/send-log.html`);
  const log = new SendLogPage(page);
  await expect(log.rows).toHaveCount(22);
  await expect(log.count).toHaveText("22 entries");
  await expect(log.rows.first().locator("time")).toHaveText("Mar 12 2:29:00 PM");
  await page.screenshot({ ...still(shotPath("send-log")), fullPage: true });
});

test("bulk", async ({ openOptions, context, extensionId, sandbox }) => {
  // Self-contained (its imports too, so it touches no line of the tests above): a production
  // connection for the confirmation, and the sandbox one for a run of 40 members.
  const { BulkPage } = await import("./pages/bulk-page");
  const { SANDBOX_BULK_DOMAIN, addFault, releasePendingRequests, sendRequests, setLatency } = await import(
    "../sandbox"
  );
  sandbox.state.catchAllEmailDomains.add(SANDBOX_BULK_DOMAIN);
  const options = await openOptions();
  const save = async (draft: Parameters<typeof options.saveThroughBackground>[0]) =>
    ((await options.saveThroughBackground(draft)) as { id: string }).id;
  // Production's club cannot be read from here; the connection is saved anyway (as the label says).
  const live = await save({
    ...sandboxDraft(sandbox.url, { label: "Infinity Mall (live)" }),
    environment: "production",
    baseUrl: "https://api.mpc.placewise.com",
  });
  const test = await save(sandboxDraft(sandbox.url, { label: "Infinity Mall" }));
  const activate = (id: string) =>
    options.page.evaluate(
      (data) => {
        const { chrome } = globalThis as unknown as import("./pages/options-page").ChromeGlobal;
        return chrome.runtime.sendMessage({ type: "setActiveConnection", data });
      },
      { id },
    );

  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`chrome-extension://${extensionId}/bulk.html`);
  const bulk = new BulkPage(page);
  const members = Array.from(
    { length: 40 },
    (_, i) => `Member ${i + 1};member-${i + 1}@${SANDBOX_BULK_DOMAIN};`,
  );
  const list = [
    "Name;Email;Mobile",
    ...members.slice(0, 3),
    "Kari Nordmann;kari@example.com;+47 407 69 126",
    ...members.slice(3),
    "Broken;not-an-address;",
    "Nobody;;",
    "Landline;;22 33 44 55",
    `Member 1 again;MEMBER-1@${SANDBOX_BULK_DOMAIN};`,
  ].join("\r\n");

  // Review, with the rows that cannot be used.
  await bulk.reviewList(list);
  await expect(bulk.review).toContainText("41 members to send to");
  await expect(bulk.invalidRows.locator("tbody tr")).toHaveCount(3);
  await page.screenshot({ ...still(shotPath("bulk-review")), fullPage: true });

  // Production: Start waits for the extra confirmation.
  await activate(live);
  await expect(bulk.review).toHaveCount(0);
  await bulk.reviewButton.click();
  await expect(bulk.productionAck).toBeVisible();
  await expect(bulk.startButton).toBeDisabled();
  await bulk.review.screenshot(still(shotPath("bulk-production")));

  // A run under way, then finished with a few members not sent to. The sandbox's answers are set
  // before Start, so every run stops at the same place for its picture: 16 answered, the next two
  // (both of the run's lanes) held open; then ten more, two members Placewise does not know, the rest.
  await activate(test);
  await expect(bulk.review).toHaveCount(0);
  await bulk.reviewButton.click();
  setLatency(sandbox.state, 40);
  const answered = (remaining: number) =>
    addFault(sandbox.state, { kind: "headers", headers: {}, remaining, scope: "send" });
  answered(16);
  addFault(sandbox.state, { kind: "hang", remaining: 2, scope: "send" });
  answered(10);
  addFault(sandbox.state, {
    kind: "status",
    status: 404,
    error: "Member not found",
    remaining: 2,
    scope: "send",
  });
  await bulk.start({ rate: 8, concurrency: 2 });
  await expect.poll(() => sendRequests(sandbox.state).length, { timeout: 20_000 }).toBe(18);
  await expect(bulk.progress).toHaveAttribute("aria-valuenow", "16");
  await expect
    .poll(async () => (await bulk.resultRows()).slice(15, 19).map((row) => row.state))
    .toEqual(["Sent", "Sending…", "Sending…", "Waiting"]);
  await page.screenshot(still(shotPath("bulk-running")));
  // The two held sends lose their line: nobody can know whether they reached the member.
  releasePendingRequests(sandbox.state);
  await expect(bulk.runAlert).toContainText("Finished: 37 sent, 2 failed, 2 unknown.", { timeout: 30_000 });
  await page.screenshot(still(shotPath("bulk-done")));
});
