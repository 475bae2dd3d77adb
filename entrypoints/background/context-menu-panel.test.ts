import { describe, expect, it } from "vitest";
import { readSendLog } from "@/utils/send-log";
import { panelPrefillItem, takePanelPrefill } from "@/utils/side-panel-prefill";
import { SANDBOX_MEMBERS, SANDBOX_TOKENS } from "../../test/sandbox";
import { recordingMenuDeps } from "../../test/support/menu-deps";
import { configureConnection, useInProcessSandbox } from "../../test/support/send-setup";
import { onContextMenuClick, SEND_MENU_ITEM_ID } from "./context-menu";
import type { PanelTarget } from "./side-panel";

// The right-click menu in a browser with a side panel: an address among other text opens the panel
// with it filled in. The popup-window path (no panel) is in context-menu.test.ts.

const state = useInProcessSandbox();

const NOW = 1_764_576_000_000;
const TAB = { id: 3, windowId: 7 };

const configure = () => configureConnection(SANDBOX_TOKENS.full, { country: "NO" });

/** Deps whose panel records each open; `refuse` makes it fail as Chrome does without a gesture. */
function panelDeps(refuse = false) {
  const panelOpens: Array<PanelTarget | undefined> = [];
  const { deps, shown, opened } = recordingMenuDeps({
    now: () => NOW,
    panel: {
      open: (target) => {
        panelOpens.push(target);
        return refuse
          ? Promise.reject(new Error("sidePanel.open() may only be called in response to a user gesture."))
          : Promise.resolve();
      },
    },
  });
  return { deps, panelOpens, shown, windows: opened };
}

const click = (selectionText: string) => ({ menuItemId: SEND_MENU_ITEM_ID, selectionText, tab: TAB });

describe("onContextMenuClick with a side panel", () => {
  it("opens the panel within the click, before any await, and hands it the address", async () => {
    await configure();
    const { deps, panelOpens, shown, windows } = panelDeps();
    const handled = onContextMenuClick(deps, click("order 12345678, case 99887766"));
    // Synchronously: a panel opened after an await would be refused for want of a user gesture.
    expect(panelOpens).toEqual([TAB]);
    await handled;

    expect(state.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(shown).toEqual([]);
    expect(windows).toEqual([]);
    expect(await readSendLog()).toEqual([]);
    const stored = await panelPrefillItem.getValue();
    expect(stored).toEqual({ query: "channel=msisdn&recipient=4799887766", at: NOW });
    expect(takePanelPrefill(stored, NOW)).toEqual({ channel: "msisdn", value: "+4799887766" });
  });

  it.each([
    ["an address in prose", `Please resend to ${SANDBOX_MEMBERS.anna} thanks`, "email", SANDBOX_MEMBERS.anna],
    ["two addresses", `${SANDBOX_MEMBERS.anna}, kari@example.com`, "email", SANDBOX_MEMBERS.anna],
    ["a display name", `Anna <${SANDBOX_MEMBERS.anna}>`, "email", SANDBOX_MEMBERS.anna],
    ["a labelled number", "Mobile: 407 69 126", "msisdn", "4740769126"],
  ])("fills in the panel for %s", async (_name, text, channel, recipient) => {
    await configure();
    const { deps, panelOpens, windows } = panelDeps();
    await onContextMenuClick(deps, click(text));

    expect(state.requests).toEqual([]);
    expect(panelOpens).toEqual([TAB]);
    expect(windows).toEqual([]);
    const stored = await panelPrefillItem.getValue();
    expect(Object.fromEntries(new URLSearchParams(stored?.query))).toEqual({ channel, recipient });
  });

  it("sends a lone address at once, without opening the panel", async () => {
    await configure();
    const { deps, panelOpens, shown } = panelDeps();
    await onContextMenuClick(deps, click(` "${SANDBOX_MEMBERS.anna}" `));

    expect(panelOpens).toEqual([]);
    expect(state.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(shown.map((n) => n.title)).toEqual(["Placewise accepted the request"]);
    expect(await panelPrefillItem.getValue()).toBeNull();
  });

  it("asks in the popup window when the browser refuses to open the panel", async () => {
    await configure();
    const { deps, panelOpens, windows } = panelDeps(true);
    await onContextMenuClick(deps, click("order 12345678, case 99887766"));

    expect(panelOpens).toHaveLength(1);
    expect(windows).toEqual([
      expect.objectContaining({
        url: "chrome-extension://test-id/popup.html?channel=msisdn&recipient=4799887766",
      }),
    ]);
    expect(await panelPrefillItem.getValue()).toBeNull();
    expect(state.requests).toEqual([]);
  });

  it("reads digits alone with the club's country first; two numbers are asked about in the popup", async () => {
    await configure();
    const { deps, panelOpens, windows } = panelDeps();
    // Only the country can tell whether this is one national number: too late for the panel.
    await onContextMenuClick(deps, click("12345678 99887766"));

    expect(panelOpens).toEqual([]);
    expect(windows).toHaveLength(1);
    expect(state.requests).toEqual([]);
  });

  it("opens no panel for a selection without an address, and says so in a notification", async () => {
    await configure();
    const { deps, panelOpens, shown } = panelDeps();
    await onContextMenuClick(deps, click("The member never got the message"));

    expect(panelOpens).toEqual([]);
    expect(shown.map((n) => n.title)).toEqual(["Not sent"]);
  });
});
