import type { Page, Worker } from "@playwright/test";
import { SANDBOX_CLUBS, SANDBOX_MEMBERS, sendRequests } from "../sandbox";
import { expectNoAxeViolations } from "./axe";
import { sandboxDraft, saveSandboxConnections } from "./connection";
import { test as base, expect } from "./fixtures";
import type { ChromeGlobal, OptionsPage } from "./pages/options-page";
import { PopupPage } from "./pages/popup-page";

// The side panel: the popup's form in a panel that stays open beside the ticket. Most tests open
// sidepanel.html in a tab at a panel's size; one opens the real panel from the popup's link
// (Playwright's click is a user gesture, which chrome.sidePanel.open needs).

/** The parts of the worker's globals these tests use (no @types/chrome in this project). */
interface WorkerGlobal {
  chrome: {
    sidePanel: {
      open(options: object): Promise<void>;
      getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }>;
    };
    action: { getPopup(details: object): Promise<string> };
    runtime: { getContexts(filter: object): Promise<Array<{ documentUrl?: string }>> };
    storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
  };
  placewiseSupportHelper: {
    onContextMenuClick(click: { menuItemId: string; selectionText?: string; tab?: object }): Promise<void>;
  };
  panelOpens: object[];
}

/** entrypoints/background/context-menu.ts SEND_MENU_ITEM_ID. */
const MENU_ITEM_ID = "send-registration-password";

/**
 * Every test here starts with the sandbox's Infinity Mall saved through the background, and
 * active: `saved` is the options page it was saved from, and the connection's id.
 */
const test = base.extend<{ saved: { options: OptionsPage; id: string } }>({
  saved: [
    async ({ openOptions, sandbox }, use) => {
      const options = await openOptions();
      const [id] = await saveSandboxConnections(options, sandbox.url, {});
      await use({ options, id: id as string });
    },
    { auto: true },
  ],
});

/** Whether anything sticks out sideways (a horizontal scroll bar in a narrow panel). */
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test.describe("the side panel", () => {
  test("paste, Enter, paste the next: two sends against the sandbox at 360 × 800", async ({
    openSidePanel,
    sandbox,
  }) => {
    const panel = await openSidePanel();
    await expect(panel.page.getByText(SANDBOX_CLUBS.infinityMall)).toBeVisible();
    await expect(panel.emailField).toBeFocused();
    expect(await overflows(panel.page)).toBe(false);

    // A member Placewise does not know: the field keeps the address, selected, so the next paste replaces it.
    await panel.sendTo("nobody@example.no");
    await expect(panel.alert).toContainText("nobody@example.no");
    await expect(panel.emailField).toBeFocused();
    const selected = await panel.emailField.evaluate((field: HTMLInputElement) =>
      field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0),
    );
    expect(selected).toBe("nobody@example.no");
    await panel.page.keyboard.insertText(SANDBOX_MEMBERS.anna);
    await expect(panel.emailField).toHaveValue(SANDBOX_MEMBERS.anna);
    await panel.emailField.press("Enter");

    await expect(panel.status).toContainText(
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}.`,
    );
    const requests = sendRequests(sandbox.state);
    expect(requests.map((r) => [r.path, r.status])).toEqual([
      ["/v3/infinity-mall/members/by_email/nobody%40example.no/send_registration_password", 404],
      ["/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password", 200],
    ]);
    // Ready for the next member, without a click.
    await expect(panel.emailField).toBeFocused();
    await expect(panel.emailField).toHaveValue("");
    expect(await overflows(panel.page)).toBe(false);
    await expectNoAxeViolations(panel.page, "side panel after a send");
  });

  test("follows a connection switched elsewhere, production included, and sends with it", async ({
    openSidePanel,
    sandbox,
    saved: { options, id: infinity },
  }) => {
    await saveSandboxConnections(options, sandbox.url, {
      label: "Harbour",
      clubSlug: SANDBOX_CLUBS.harbourCentre,
      customerId: "512",
    });
    const panel = await openSidePanel();
    await expect(panel.page.getByText(SANDBOX_CLUBS.harbourCentre)).toBeVisible();

    // Another page (here the options page) makes the first connection the active one.
    await options.page.evaluate(
      (id) =>
        (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({
          type: "setActiveConnection",
          data: { id },
        }),
      infinity,
    );
    await expect(panel.page.getByText(SANDBOX_CLUBS.infinityMall)).toBeVisible();
    await panel.sendTo(SANDBOX_MEMBERS.anna);
    await expect(panel.status).toContainText("Placewise accepted the request");
    expect(sendRequests(sandbox.state).map((r) => r.headers["x-loyalty-club-slug"])).toEqual([
      "infinity-mall",
    ]);

    // A production connection saved and picked elsewhere becomes the active one: the panel says so
    // at once. (Picked by hand: its test on Save cannot reach the real API from here.)
    await expect(
      options.saveAndActivateThroughBackground(
        sandboxDraft(sandbox.url, {
          label: "Live",
          environment: "production",
          clubSlug: SANDBOX_CLUBS.harbourCentre,
        }),
      ),
    ).resolves.toMatchObject({ ok: true });
    await expect(panel.page.getByText("Production", { exact: true })).toBeVisible();
    await expect(panel.page.locator(".popup-production")).toBeVisible();
    await expect(panel.page.getByText(/real members/u)).toBeVisible();
  });

  test("the popup's link opens the real side panel in this window", async ({ background, openPopup }) => {
    const popup = await openPopup();
    const link = popup.page.getByRole("button", { name: "Open in side panel" });
    await expect(link).toBeVisible();
    await expectNoAxeViolations(popup.page, "popup with its side panel link");
    await link.click();
    // A panel still loading has no document URL yet: "" until it has, and the poll goes on.
    const panels = () =>
      background.evaluate(async () =>
        (
          await (globalThis as unknown as WorkerGlobal).chrome.runtime.getContexts({
            contextTypes: ["SIDE_PANEL"],
          })
        ).map((c) => (c.documentUrl ? new URL(c.documentUrl).pathname : "")),
      );
    await expect.poll(panels).toEqual(["/sidepanel.html"]);
  });

  test("the desk preference takes the popup off the toolbar button, so it (and its shortcut) opens the panel", async ({
    background,
    saved: { options },
  }) => {
    await options.page.reload();
    const toolbar = () =>
      background.evaluate(async () => {
        const { chrome } = globalThis as unknown as WorkerGlobal;
        return {
          popup: new URL((await chrome.action.getPopup({})) || "about:blank").pathname,
          panel: (await chrome.sidePanel.getPanelBehavior()).openPanelOnActionClick === true,
        };
      });
    await expect.poll(toolbar).toEqual({ popup: "/popup.html", panel: false });
    const checkbox = options.page.getByRole("checkbox", { name: "The toolbar button opens the side panel" });
    await checkbox.check();
    await expect.poll(toolbar).toEqual({ popup: "blank", panel: true });
    await checkbox.uncheck();
    await expect.poll(toolbar).toEqual({ popup: "/popup.html", panel: false });
  });
});

test.describe("right-click on an address among other text, with a side panel", () => {
  /** Records chrome.sidePanel.open in the worker; `pass` lets the call through to Chrome. */
  async function recordPanelOpens(background: Worker, pass: boolean): Promise<void> {
    await background.evaluate((through) => {
      const scope = globalThis as unknown as WorkerGlobal;
      const open = scope.chrome.sidePanel.open.bind(scope.chrome.sidePanel);
      scope.panelOpens = [];
      scope.chrome.sidePanel.open = (options: object) => {
        scope.panelOpens.push(options);
        // Chrome refuses without a user gesture, which a test cannot give the worker.
        return through ? open(options) : Promise.resolve();
      };
    }, pass);
  }

  async function clickMenuItem(background: Worker, selectionText: string, windowId: number): Promise<void> {
    await background.evaluate(
      ([menuItemId, text, window]) =>
        (globalThis as unknown as WorkerGlobal).placewiseSupportHelper.onContextMenuClick({
          menuItemId,
          selectionText: text,
          tab: { id: 1, windowId: window },
        }),
      [MENU_ITEM_ID, selectionText, windowId] as const,
    );
  }

  test("opens the panel from the click and fills in the address; one Enter sends it", async ({
    background,
    openSidePanel,
    sandbox,
  }) => {
    // The panel is already open beside the ticket (as a tab here); the right-click reaches it live.
    const panel = await openSidePanel();
    await expect(panel.emailField).toBeFocused();
    await recordPanelOpens(background, false);

    await clickMenuItem(background, `Please resend to ${SANDBOX_MEMBERS.anna} thanks`, 42);

    expect(await background.evaluate(() => (globalThis as unknown as WorkerGlobal).panelOpens)).toEqual([
      { windowId: 42 },
    ]);
    await expect(panel.emailField).toHaveValue(SANDBOX_MEMBERS.anna);
    await expect(panel.emailField).toBeFocused();
    expect(sendRequests(sandbox.state)).toEqual([]);
    await panel.emailField.press("Enter");
    await expect(panel.status).toContainText(
      `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}.`,
    );
    expect(sendRequests(sandbox.state)).toHaveLength(1);

    // A panel opened just after the click (the usual order) finds the address too.
    await clickMenuItem(background, "Mobile: 407 69 126", 42);
    const fresh = await openSidePanel();
    await expect(fresh.phoneField).toHaveValue("+4740769126");
    expect(sendRequests(sandbox.state)).toHaveLength(1);
  });

  test("without a user gesture Chrome refuses the panel, and the popup asks instead", async ({
    background,
    context,
    sandbox,
    saved: { options },
  }) => {
    const windowId = await options.page.evaluate(
      async () =>
        (
          await (
            globalThis as unknown as { chrome: { windows: { getCurrent(): Promise<{ id: number }> } } }
          ).chrome.windows.getCurrent()
        ).id,
    );
    await recordPanelOpens(background, true);
    const popup = context.waitForEvent("page", (page) => page.url().includes("/popup.html?"));

    await clickMenuItem(background, `Please resend to ${SANDBOX_MEMBERS.anna} thanks`, windowId);

    expect(await background.evaluate(() => (globalThis as unknown as WorkerGlobal).panelOpens)).toEqual([
      { windowId },
    ]);
    const asking = new PopupPage(await popup);
    await expect(asking.emailField).toHaveValue(SANDBOX_MEMBERS.anna);
    expect(sendRequests(sandbox.state)).toEqual([]);
  });
});
