import { SANDBOX_MEMBERS, sendRequests, setFault, setLatency } from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";

// The reproductions of "at most once, for real": each one sent a member a second message, or told
// the operator "nothing was sent" when something may have been, in the build before it.
test.describe("at most once", () => {
  test.beforeEach(async ({ openOptions, sandbox }) => {
    const options = await openOptions();
    await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({
      ok: true,
    });
    await options.page.close();
  });

  test("two colleagues press Enter for the same member at once: one message, and the other is told", async ({
    openPopup,
    sandbox,
  }) => {
    const first = await openPopup();
    const second = await openPopup();
    // Slow enough that the second Enter lands while the first request is in flight.
    setLatency(sandbox.state, 400);
    await first.emailField.fill(SANDBOX_MEMBERS.anna);
    await second.emailField.fill(SANDBOX_MEMBERS.anna.toUpperCase());
    await Promise.all([first.emailField.press("Enter"), second.emailField.press("Enter")]);

    const shown = async () => {
      const texts = await Promise.all([first, second].map((p) => p.page.locator("body").textContent()));
      return texts
        .map((text) =>
          text?.includes("Placewise accepted the request")
            ? "accepted"
            : text?.includes("is being sent right now")
              ? "held"
              : "nothing yet",
        )
        .sort();
    };
    await expect.poll(shown, { timeout: 10_000 }).toEqual(["accepted", "held"]);
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("a line that drops after Placewise read the request: 'may or may not', and a second Enter is held", async ({
    openPopup,
    sandbox,
  }) => {
    setFault(sandbox.state, { kind: "reset", remaining: 1, scope: "send" });
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.alert).toContainText("failed before Placewise answered");
    await expect(popup.alert).toContainText("The message may or may not have been sent.");
    await expect(popup.alert).not.toContainText("Nothing was sent");
    expect(sendRequests(sandbox.state).map((r) => r.status)).toEqual([0]);

    // The operator tries again at once: held back, with the chance to confirm.
    await popup.emailField.press("Enter");
    await expect(popup.alert).toContainText("may or may not have reached Placewise");
    await expect(popup.sendAgainButton).toBeVisible();
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("a 200 whose body breaks off is accepted, never a network error", async ({ openPopup, sandbox }) => {
    setFault(sandbox.state, { kind: "cut-body", remaining: 1, scope: "send" });
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.status).toContainText(
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}. Its answer was cut off`,
    );
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("Retry-After: 999999999 is worded in minutes a person can read, not 1e+26 seconds", async ({
    openPopup,
    sandbox,
  }) => {
    setFault(sandbox.state, { kind: "rate-limit", retryAfter: "999999999", remaining: 1, scope: "send" });
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.alert).toContainText("Placewise asks to wait more than 15 minutes.");
    await expect(popup.alert).not.toContainText("e+");
  });

  test("444 from Placewise's firewall is its own plain outcome", async ({ openPopup, sandbox }) => {
    setFault(sandbox.state, { kind: "status", status: 444, remaining: 1, scope: "send" });
    const popup = await openPopup();
    await popup.sendTo(SANDBOX_MEMBERS.anna);
    await expect(popup.alert).toContainText(
      "Placewise's firewall refused the request (444). Nothing was sent.",
    );
  });

  test("the store build's test hook is absent here only because this is the e2e build", async ({
    background,
  }) => {
    // The browser tests reach the right-click handler through this hook; npm run lint:firefox
    // checks that a production build carries none of it.
    expect(await background.evaluate(() => "placewiseSupportHelper" in globalThis)).toBe(true);
  });
});
