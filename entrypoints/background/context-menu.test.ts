import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readSendLog } from "@/utils/send-log";
import type { Connection } from "@/utils/settings";
import { settingsItem } from "@/utils/settings-item";
import {
  resetSandbox,
  SANDBOX_CLUBS,
  SANDBOX_MEMBERS,
  SANDBOX_TOKENS,
  sendRequests,
  setFault,
} from "../../test/sandbox";
import { createInProcessSandbox, createTestDeps } from "../../test/support/background-deps";
import { testConnection, testSettings } from "../../test/support/connections";
import {
  type ContextMenuDeps,
  type MenuNotification,
  type MenusApi,
  NOTIFICATION_ICON_URL,
  onContextMenuClick,
  registerContextMenu,
  SEND_MENU_ITEM_ID,
} from "./context-menu";
import { writeToken } from "./token-store";

const { state, server } = createInProcessSandbox();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => resetSandbox(state));
afterAll(() => server.close());

async function configure(changes: Partial<Connection> = {}, token: string = SANDBOX_TOKENS.full) {
  const connection = testConnection(changes);
  await settingsItem.setValue(testSettings([connection]));
  await writeToken(connection.id, token, connection.rememberToken);
}

/** The background's test deps with a notifications stub that records what it was asked to show. */
function menuDeps(overrides: Partial<ContextMenuDeps> = {}) {
  const shown: MenuNotification[] = [];
  const deps: ContextMenuDeps = {
    ...createTestDeps(),
    notifications: {
      create: async (options) => {
        shown.push(options);
        return `notification-${shown.length}`;
      },
    },
    ...overrides,
  };
  return { deps, shown };
}

const click = (selectionText?: string) => ({ menuItemId: SEND_MENU_ITEM_ID, selectionText });

describe("registerContextMenu", () => {
  it("replaces any earlier item with one on selected text, whose title shows the selection", async () => {
    const calls: string[] = [];
    const menus: MenusApi = {
      removeAll: async () => {
        calls.push("removeAll");
      },
      create: (properties) => {
        calls.push(`create ${JSON.stringify(properties)}`);
        return properties.id ?? "";
      },
    };
    await registerContextMenu(menus);
    expect(calls).toEqual([
      "removeAll",
      `create ${JSON.stringify({
        id: SEND_MENU_ITEM_ID,
        title: "Send registration password to “%s”",
        contexts: ["selection"],
      })}`,
    ]);
  });
});

describe("onContextMenuClick (against the sandbox)", () => {
  it("sends to the email in the selection, notifies, and records the send as a right-click", async () => {
    await configure();
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click(`Please resend to ${SANDBOX_MEMBERS.anna} thanks`));

    const requests = sendRequests(state);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      pathParams: { club: SANDBOX_CLUBS.infinityMall, email: SANDBOX_MEMBERS.anna },
      status: 200,
    });
    expect(shown).toEqual([
      {
        type: "basic",
        iconUrl: NOTIFICATION_ICON_URL,
        title: "Placewise accepted the request",
        message:
          "Placewise accepted the request to send a registration message to anna+mall@example.no. " +
          "Placewise does not confirm delivery. If nothing arrives within a few minutes, ask the member to check their spam folder.",
        contextMessage: "Infinity Mall",
      },
    ]);
    const log = await readSendLog();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      source: "context-menu",
      channel: "email",
      recipient: SANDBOX_MEMBERS.anna,
      connectionId: "c-1",
      outcome: "accepted",
      status: 200,
    });
  });

  it("sends SMS to a phone number in the selection, read with the club's country", async () => {
    await configure({ country: "NO" });
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click("Member's mobile: 407 69 126"));

    expect(sendRequests(state).map((r) => r.path)).toEqual([
      "/v3/infinity-mall/members/by_msisdn/4740769126/send_registration_password",
    ]);
    expect(shown[0]?.title).toBe("Placewise accepted the request");
    expect((await readSendLog())[0]).toMatchObject({
      source: "context-menu",
      channel: "msisdn",
      recipient: SANDBOX_MEMBERS.norwegianMsisdn,
    });
  });

  it("says so and sends nothing when the selection holds no address", async () => {
    await configure();
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click("The member never got the message"));

    expect(state.requests).toHaveLength(0);
    expect(shown).toEqual([
      {
        type: "basic",
        iconUrl: NOTIFICATION_ICON_URL,
        title: "Not sent",
        message:
          "No email address or phone number in the selection. " +
          "Select the member's email address or mobile number, then right-click the selection.",
        contextMessage: "Infinity Mall",
      },
    ]);
    expect(await readSendLog()).toEqual([]);
  });

  it("tells the operator to open Settings when no connection is saved", async () => {
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.anna));

    expect(state.requests).toHaveLength(0);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: "Not sent" });
    expect(shown[0]?.message).toContain("Open Settings");
    expect(shown[0]).not.toHaveProperty("contextMessage");
  });

  it("words a refusal with what happened and what to do", async () => {
    await configure();
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.unknownEmail));

    expect(sendRequests(state).map((r) => r.status)).toEqual([404]);
    expect(shown[0]).toMatchObject({
      title: "Not sent",
      message:
        "No member with nobody@example.no was found in this loyalty club (404). Nothing was sent. " +
        "Check the spelling with the member, and check that the right club is selected.",
    });
    expect((await readSendLog())[0]).toMatchObject({ source: "context-menu", outcome: "member-not-found" });
  });

  it("does not call an unclear failure 'not sent'", async () => {
    await configure();
    setFault(state, { kind: "status", status: 500, remaining: 1 });
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.anna));

    expect(shown[0]?.title).toBe("Placewise did not confirm the request");
    expect(shown[0]?.message).toContain("may or may not have been sent");
  });

  it("holds back a repeat send and points to the popup to confirm it", async () => {
    await configure();
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.anna));
    await onContextMenuClick(deps, click(`again: ${SANDBOX_MEMBERS.anna}`));

    expect(sendRequests(state)).toHaveLength(1);
    expect(shown[1]?.title).toBe("Not sent");
    expect(shown[1]?.message).toMatch(
      /^Placewise accepted a send to anna\+mall@example\.no 0 min ago\. Nothing was sent\. .* To send again anyway, use the popup\.$/u,
    );
    // Held back before sending: only the first send is in the log.
    expect(await readSendLog()).toHaveLength(1);
  });

  it("ignores clicks on other menu items", async () => {
    await configure();
    const { deps, shown } = menuDeps();
    await onContextMenuClick(deps, { menuItemId: "something-else", selectionText: SANDBOX_MEMBERS.anna });
    expect(state.requests).toHaveLength(0);
    expect(shown).toEqual([]);
  });
});
