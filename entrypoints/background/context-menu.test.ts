import { describe, expect, it, vi } from "vitest";
import { readSendLog } from "@/utils/send-log";
import { SANDBOX_CLUBS, SANDBOX_MEMBERS, SANDBOX_TOKENS, sendRequests, setFault } from "../../test/sandbox";
import { testConnection, testSettings } from "../../test/support/connections";
import { POPUP_URL, recordingMenuDeps } from "../../test/support/menu-deps";
import { configureConnection as configure, useInProcessSandbox } from "../../test/support/send-setup";
import {
  type MenusApi,
  NOTIFICATION_ICON_URL,
  onContextMenuClick,
  refreshMenuTitle,
  registerContextMenu,
  SEND_MENU_ITEM_ID,
} from "./context-menu";

// The browser without a side panel (recordingMenuDeps gives none); context-menu-panel.test.ts
// covers the one with.
const state = useInProcessSandbox();

/** A contextMenus stub that records its calls. */
function recordingMenus() {
  const calls: string[] = [];
  const menus: MenusApi = {
    removeAll: async () => {
      calls.push("removeAll");
    },
    create: (properties) => {
      calls.push(`create ${JSON.stringify(properties)}`);
      return properties.id ?? "";
    },
    update: async (id, properties) => {
      calls.push(`update ${id} ${JSON.stringify(properties)}`);
    },
  };
  return { menus, calls };
}

const click = (selectionText?: string) => ({ menuItemId: SEND_MENU_ITEM_ID, selectionText });

describe("registerContextMenu", () => {
  it("replaces any earlier item with one on selected text, whose title shows the selection", async () => {
    const { menus, calls } = recordingMenus();
    await registerContextMenu(menus, testSettings([]));
    expect(calls).toEqual([
      "removeAll",
      `create ${JSON.stringify({
        id: SEND_MENU_ITEM_ID,
        title: "Send registration password to “%s”",
        contexts: ["selection"],
      })}`,
    ]);
  });

  it("names the active connection and its environment in the title", async () => {
    const { menus, calls } = recordingMenus();
    const mall = testConnection({ id: "m", label: "Mall Oslo", environment: "production" });
    await registerContextMenu(menus, testSettings([mall]));
    expect(calls[1]).toContain(`"title":"Send registration password via Mall Oslo (Production): “%s”"`);
  });
});

describe("refreshMenuTitle", () => {
  it.each([
    ["production", "Send registration password via Mall Oslo (Production): “%s”"],
    ["production-apac", "Send registration password via Mall Oslo (Production (APAC)): “%s”"],
    ["staging", "Send registration password via Mall Oslo (Staging): “%s”"],
    ["custom", "Send registration password via Mall Oslo (Custom): “%s”"],
  ] as const)("renames the item after the active connection (%s)", async (environment, title) => {
    const { menus, calls } = recordingMenus();
    const mall = testConnection({ id: "m", label: "Mall Oslo", environment });
    await refreshMenuTitle(menus, testSettings([mall]));
    expect(calls).toEqual([`update ${SEND_MENU_ITEM_ID} ${JSON.stringify({ title })}`]);
  });

  it("follows a switch to another connection", async () => {
    const { menus, calls } = recordingMenus();
    const oslo = testConnection({ id: "a", label: "Mall Oslo", environment: "production" });
    const test = testConnection({ id: "b", label: "Test mall", environment: "staging" });
    await refreshMenuTitle(menus, { ...testSettings([oslo, test]), activeConnectionId: "b" });
    expect(calls[0]).toContain("via Test mall (Staging)");
  });

  it("does not throw when the item is not there yet", async () => {
    const { menus } = recordingMenus();
    menus.update = async () => {
      throw new Error("Cannot find menu item with id send-registration-password");
    };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await expect(refreshMenuTitle(menus, testSettings([]))).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

describe("onContextMenuClick (against the sandbox)", () => {
  it("sends to a lone email in quotes, notifies, and records the send as a right-click", async () => {
    await configure();
    const { deps, shown, opened } = recordingMenuDeps();
    await onContextMenuClick(deps, click(` “${SANDBOX_MEMBERS.anna}”. `));

    expect(opened).toEqual([]);
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

  it("sends SMS to a lone phone number, read with the club's country", async () => {
    await configure(SANDBOX_TOKENS.full, { country: "NO" });
    const { deps, shown } = recordingMenuDeps();
    await onContextMenuClick(deps, click("407 69 126"));

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

  it("sends to a lone mailto: link at once", async () => {
    await configure();
    const { deps, opened } = recordingMenuDeps();
    await onContextMenuClick(deps, click(`mailto:${SANDBOX_MEMBERS.anna}`));

    expect(opened).toEqual([]);
    expect(sendRequests(state).map((r) => [r.method, r.pathParams.email])).toEqual([
      ["POST", SANDBOX_MEMBERS.anna],
    ]);
  });

  it("sends nothing for a case number among words, and asks in the popup with it filled in", async () => {
    await configure(SANDBOX_TOKENS.full, { country: "NO" });
    const { deps, shown, opened } = recordingMenuDeps();
    await onContextMenuClick(deps, click("order 12345678, case 99887766"));

    // 4799887766 is a valid Norwegian mobile number: before, it was sent an SMS at once.
    expect(state.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(shown).toEqual([]);
    expect(await readSendLog()).toEqual([]);
    expect(opened).toEqual([
      {
        type: "popup",
        url: `${POPUP_URL}?channel=msisdn&recipient=4799887766`,
        width: 420,
        height: 600,
      },
    ]);
  });

  it.each([
    ["an address in prose", `Please resend to ${SANDBOX_MEMBERS.anna} thanks`, "email", SANDBOX_MEMBERS.anna],
    ["two addresses", `${SANDBOX_MEMBERS.anna}, kari@example.com`, "email", SANDBOX_MEMBERS.anna],
    ["a display name", `Anna <${SANDBOX_MEMBERS.anna}>`, "email", SANDBOX_MEMBERS.anna],
    ["a labelled number", "Mobile: 407 69 126", "msisdn", "4740769126"],
  ])("asks first for %s", async (_name, text, channel, recipient) => {
    await configure(SANDBOX_TOKENS.full, { country: "NO" });
    const { deps, opened } = recordingMenuDeps();
    await onContextMenuClick(deps, click(text));

    expect(state.requests).toEqual([]);
    expect(opened).toHaveLength(1);
    const [page, query] = (opened[0]?.url ?? "").split("?");
    expect(page).toBe(POPUP_URL);
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ channel, recipient });
  });

  it("says so and sends nothing when the selection holds no address", async () => {
    await configure();
    const { deps, shown } = recordingMenuDeps();
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
    const { deps, shown } = recordingMenuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.anna));

    expect(state.requests).toHaveLength(0);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: "Not sent" });
    expect(shown[0]?.message).toContain("Open Settings");
    expect(shown[0]).not.toHaveProperty("contextMessage");
  });

  it("words a refusal with what happened and what to do", async () => {
    await configure();
    const { deps, shown } = recordingMenuDeps();
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
    const { deps, shown } = recordingMenuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.anna));

    expect(shown[0]?.title).toBe("Placewise did not confirm the request");
    expect(shown[0]?.message).toContain("may or may not have been sent");
  });

  it("holds back a repeat send and points to the popup to confirm it", async () => {
    await configure();
    const { deps, shown } = recordingMenuDeps();
    await onContextMenuClick(deps, click(SANDBOX_MEMBERS.anna));
    await onContextMenuClick(deps, click(`<${SANDBOX_MEMBERS.anna}>`));

    expect(sendRequests(state)).toHaveLength(1);
    expect(shown[1]?.title).toBe("Not sent");
    expect(shown[1]?.message).toMatch(
      /^Placewise accepted a send to anna\+mall@example\.no just now\. Nothing was sent\. .* To send again anyway, use the popup\.$/u,
    );
    // Held back before sending: only the first send is in the log.
    expect(await readSendLog()).toHaveLength(1);
  });

  it("ignores clicks on other menu items", async () => {
    await configure();
    const { deps, shown } = recordingMenuDeps();
    await onContextMenuClick(deps, { menuItemId: "something-else", selectionText: SANDBOX_MEMBERS.anna });
    expect(state.requests).toHaveLength(0);
    expect(shown).toEqual([]);
  });
});
