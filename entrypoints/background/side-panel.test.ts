import { describe, expect, it } from "vitest";
import { DEFAULT_PREFERENCES, EMPTY_SETTINGS, type StoredSettings } from "@/utils/settings";
import { applyToolbarBehavior, panelOpener, type ToolbarApi, toggleSidebar } from "./side-panel";

const withPreference = (toolbarOpensSidePanel: boolean): StoredSettings => ({
  ...EMPTY_SETTINGS,
  preferences: { ...DEFAULT_PREFERENCES, toolbarOpensSidePanel },
});

function recordingToolbar(withPanelBehavior = true) {
  const calls: string[] = [];
  const api: ToolbarApi = {
    setPopup: async (details) => {
      calls.push(`setPopup ${JSON.stringify(details)}`);
    },
    ...(withPanelBehavior
      ? {
          setPanelBehavior: async (behavior: { openPanelOnActionClick: boolean }) => {
            calls.push(`setPanelBehavior ${JSON.stringify(behavior)}`);
          },
        }
      : {}),
  };
  return { api, calls };
}

describe("applyToolbarBehavior", () => {
  it("keeps the popup on the button by default", async () => {
    const { api, calls } = recordingToolbar();
    await applyToolbarBehavior(api, EMPTY_SETTINGS);
    expect(calls).toEqual([
      'setPanelBehavior {"openPanelOnActionClick":false}',
      'setPopup {"popup":"popup.html"}',
    ]);
  });

  it("with the preference on, takes the popup off so the button (and its shortcut) opens the panel", async () => {
    const { api, calls } = recordingToolbar();
    await applyToolbarBehavior(api, withPreference(true));
    expect(calls).toEqual(['setPanelBehavior {"openPanelOnActionClick":true}', 'setPopup {"popup":""}']);
  });

  it("turned off again, gives the button its popup back", async () => {
    const { api, calls } = recordingToolbar();
    await applyToolbarBehavior(api, withPreference(true));
    await applyToolbarBehavior(api, withPreference(false));
    expect(calls.slice(2)).toEqual([
      'setPanelBehavior {"openPanelOnActionClick":false}',
      'setPopup {"popup":"popup.html"}',
    ]);
  });

  it("in Firefox, without setPanelBehavior, only takes the popup off", async () => {
    const { api, calls } = recordingToolbar(false);
    await applyToolbarBehavior(api, withPreference(true));
    expect(calls).toEqual(['setPopup {"popup":""}']);
  });
});

describe("panelOpener", () => {
  it("opens Chrome's panel in the click's window, or its tab when the window is unknown", async () => {
    const opened: unknown[] = [];
    const opener = panelOpener({
      sidePanel: {
        open: async (options: unknown) => {
          opened.push(options);
        },
        setPanelBehavior: async () => {},
      } as never,
    });
    await opener?.open({ id: 3, windowId: 7 });
    await opener?.open({ id: 3 });
    expect(opened).toEqual([{ windowId: 7 }, { tabId: 3 }]);
    await expect(opener?.open(undefined)).rejects.toThrow();
  });

  it("opens Firefox's sidebar", async () => {
    let opens = 0;
    const opener = panelOpener({
      sidebarAction: {
        open: async () => {
          opens++;
        },
        toggle: async () => {},
      },
    });
    await opener?.open(undefined);
    expect(opens).toBe(1);
  });

  it("is null where the browser has no panel", () => {
    expect(panelOpener({})).toBeNull();
  });
});

describe("toggleSidebar", () => {
  it("toggles Firefox's sidebar from the popup-less button, and leaves Chrome's panel to Chrome", () => {
    let toggles = 0;
    const sidebarAction = {
      open: async () => {},
      toggle: async () => {
        toggles++;
      },
    };
    toggleSidebar({ sidebarAction });
    toggleSidebar({
      sidebarAction,
      sidePanel: { open: async () => {}, setPanelBehavior: async () => {} } as never,
    });
    expect(toggles).toBe(1);
  });
});
