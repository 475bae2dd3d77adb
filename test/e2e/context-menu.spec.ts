import type { Worker } from "@playwright/test";
import { SANDBOX_CLUBS, SANDBOX_MEMBERS, sendRequests } from "../sandbox";
import { sandboxDraft } from "./connection";
import { expect, test } from "./fixtures";

// Playwright cannot open or click the browser's own context menu, so these tests call the click
// handler the way Chrome does, inside the service worker, through the one entry point the
// background exposes (entrypoints/background/index.ts). Everything after the click is real: the
// handler, fetch to the sandbox over HTTP, chrome.notifications and chrome.storage.

/** entrypoints/background/context-menu.ts SEND_MENU_ITEM_ID (that module needs a browser to load). */
const MENU_ITEM_ID = "send-registration-password";

/** A notification the extension asked Chrome for, and what Chrome answered. */
interface RecordedNotification {
  options: { type: string; iconUrl: string; title: string; message: string; contextMessage?: string };
  /** The id Chrome gave it: set once Chrome created it (its icon loaded). */
  id?: string;
  error?: string;
}

/** The parts of the service worker's globals these tests use (no @types/chrome in this project). */
interface WorkerGlobal {
  chrome: {
    runtime: { lastError?: { message?: string } };
    notifications: {
      create(...args: unknown[]): unknown;
      getAll(): Promise<Record<string, boolean>>;
    };
    contextMenus: { update(id: string, properties: object, callback: () => void): void };
    commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> };
    storage: { local: { get(keys: string | string[] | null): Promise<Record<string, unknown>> } };
  };
  placewiseSupportHelper: {
    onContextMenuClick(click: { menuItemId: string; selectionText?: string }): Promise<void>;
  };
  recordedNotifications: RecordedNotification[];
}

/** Wraps chrome.notifications.create in the worker to record each call, then lets it through. */
async function recordNotifications(background: Worker): Promise<void> {
  await background.evaluate(() => {
    const scope = globalThis as unknown as WorkerGlobal;
    const { chrome } = scope;
    const create = chrome.notifications.create.bind(chrome.notifications);
    scope.recordedNotifications = [];
    chrome.notifications.create = (...args: unknown[]) => {
      const callback =
        typeof args[args.length - 1] === "function" ? (args.pop() as (id: string) => void) : null;
      const record = { options: args.find((a) => typeof a === "object") } as RecordedNotification;
      scope.recordedNotifications.push(record);
      if (callback !== null) {
        return create(...args, (id: string) => {
          record.id = id;
          record.error = chrome.runtime.lastError?.message;
          callback(id);
        });
      }
      // Without a callback Chrome answers with a promise (MV3).
      return (create(...args) as Promise<string>).then(
        (id) => {
          record.id = id;
          return id;
        },
        (error: unknown) => {
          record.error = String((error as Error)?.message ?? error);
          throw error;
        },
      );
    };
  });
}

async function recordedNotifications(background: Worker): Promise<RecordedNotification[]> {
  return background.evaluate(() => (globalThis as unknown as WorkerGlobal).recordedNotifications);
}

/** Clicks the menu item with this selection, as Chrome's contextMenus.onClicked would. */
async function clickMenuItem(background: Worker, selectionText: string): Promise<void> {
  await background.evaluate(
    ([menuItemId, text]) =>
      (globalThis as unknown as WorkerGlobal).placewiseSupportHelper.onContextMenuClick({
        menuItemId,
        selectionText: text,
      }),
    [MENU_ITEM_ID, selectionText] as const,
  );
}

/** The send log as stored (utils/send-log.ts: an index of buckets, each a list of entries). */
async function sendLogEntries(background: Worker): Promise<Array<Record<string, unknown>>> {
  return background.evaluate(async () => {
    const { chrome } = globalThis as unknown as WorkerGlobal;
    const { "sendLog.index": index } = await chrome.storage.local.get("sendLog.index");
    const keys = ((index as { buckets?: Array<{ key: number }> } | undefined)?.buckets ?? []).map(
      (b) => `sendLog.${b.key}`,
    );
    if (keys.length === 0) return [];
    const buckets = await chrome.storage.local.get(keys);
    return keys.flatMap((key) => (buckets[key] as Array<Record<string, unknown>> | undefined) ?? []);
  });
}

test.describe("right-click: send a registration password to the address in a selection", () => {
  test("the menu item is registered and the keyboard shortcut opens the popup", async ({ background }) => {
    // Chrome cannot list menu items, but updating one fails unless it exists.
    await expect
      .poll(() =>
        background.evaluate(
          (id) =>
            new Promise<string>((resolve) => {
              const { chrome } = globalThis as unknown as WorkerGlobal;
              chrome.contextMenus.update(id, { contexts: ["selection"] }, () =>
                resolve(chrome.runtime.lastError?.message ?? "exists"),
              );
            }),
          MENU_ITEM_ID,
        ),
      )
      .toBe("exists");
    const commands = await background.evaluate(() =>
      (globalThis as unknown as WorkerGlobal).chrome.commands.getAll(),
    );
    expect(commands).toContainEqual(
      expect.objectContaining({ name: "_execute_action", shortcut: "Alt+Shift+S" }),
    );
  });

  test.describe("with a saved connection", () => {
    test.beforeEach(async ({ openOptions, sandbox, background }) => {
      const options = await openOptions();
      await expect(options.saveThroughBackground(sandboxDraft(sandbox.url))).resolves.toMatchObject({
        ok: true,
      });
      await options.page.close();
      await recordNotifications(background);
    });

    test("a lone email in the selection: one request, a notification and a send-log entry", async ({
      background,
      sandbox,
    }) => {
      await clickMenuItem(background, `“${SANDBOX_MEMBERS.anna}”`);

      const requests = sendRequests(sandbox.state);
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        method: "POST",
        path: "/v3/infinity-mall/members/by_email/anna%2Bmall%40example.no/send_registration_password",
        status: 200,
      });

      const notifications = await recordedNotifications(background);
      expect(notifications).toHaveLength(1);
      expect(notifications[0]?.options).toMatchObject({
        type: "basic",
        iconUrl: "/icon/128.png",
        title: "Placewise accepted the request",
        message: expect.stringContaining(
          `Placewise accepted the request to send a registration message to ${SANDBOX_MEMBERS.anna}.`,
        ),
      });
      // Chrome created it: the icon loaded and nothing was refused.
      expect(notifications[0]?.error).toBeUndefined();
      expect(notifications[0]?.id).toEqual(expect.any(String));

      const log = await sendLogEntries(background);
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        source: "context-menu",
        channel: "email",
        recipient: SANDBOX_MEMBERS.anna,
        club: SANDBOX_CLUBS.infinityMall,
        outcome: "accepted",
        status: 200,
      });
    });

    test("a phone number in the selection is sent by MSISDN as digits", async ({ background, sandbox }) => {
      await clickMenuItem(background, "+47 407 69 126");

      expect(sendRequests(sandbox.state).map((r) => r.path)).toEqual([
        "/v3/infinity-mall/members/by_msisdn/4740769126/send_registration_password",
      ]);
      const notifications = await recordedNotifications(background);
      expect(notifications.map((n) => n.options.title)).toEqual(["Placewise accepted the request"]);
      expect(await sendLogEntries(background)).toEqual([
        expect.objectContaining({ source: "context-menu", channel: "msisdn", recipient: "4740769126" }),
      ]);
    });

    test("a number among other text: nothing is sent, the popup opens with it filled in", async ({
      background,
      context,
      sandbox,
    }) => {
      const popup = context.waitForEvent("page", (page) => page.url().includes("/popup.html?"));
      await clickMenuItem(background, "order 12345678, case 99887766");

      const page = await popup;
      await expect(page.getByLabel("Member phone")).toHaveValue("+4799887766");
      expect(sandbox.state.requests.filter((r) => r.method === "POST")).toEqual([]);
      expect(await recordedNotifications(background)).toEqual([]);
    });

    test("a selection without an address: a notification says so, and nothing is sent", async ({
      background,
      sandbox,
    }) => {
      await clickMenuItem(background, "The member never got the message");

      const notifications = await recordedNotifications(background);
      expect(notifications).toHaveLength(1);
      expect(notifications[0]?.options).toMatchObject({
        title: "Not sent",
        message: expect.stringContaining("No email address or phone number in the selection."),
      });
      expect(notifications[0]?.error).toBeUndefined();
      expect(sendRequests(sandbox.state)).toHaveLength(0);
      expect(await sendLogEntries(background)).toEqual([]);
    });

    test("a second right-click on the same member is held back and points to the popup", async ({
      background,
      sandbox,
    }) => {
      await clickMenuItem(background, SANDBOX_MEMBERS.anna);
      await clickMenuItem(background, SANDBOX_MEMBERS.anna);

      expect(sendRequests(sandbox.state)).toHaveLength(1);
      const notifications = await recordedNotifications(background);
      expect(notifications[1]?.options).toMatchObject({
        title: "Not sent",
        message: expect.stringContaining("To send again anyway, use the popup."),
      });
    });
  });
});
