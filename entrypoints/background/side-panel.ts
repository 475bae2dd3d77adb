import type { Browser } from "wxt/browser";
import type { StoredSettings } from "@/utils/settings";

/** Where a panel opens: the tab the click came from (Chrome needs its window or the tab). */
export interface PanelTarget {
  id?: number;
  windowId?: number;
}

/**
 * Opening the side panel, in the browser's own words: chrome.sidePanel.open or Firefox's
 * sidebarAction.open. Both need a user gesture, so callers call it synchronously in the click
 * handler, before any await (https://developer.chrome.com/docs/extensions/reference/api/sidePanel#method-open).
 */
export interface PanelOpener {
  open(target: PanelTarget | undefined): Promise<void>;
}

/** The parts of the toolbar button the preference changes. */
export interface ToolbarApi {
  /** chrome.sidePanel.setPanelBehavior; Firefox has none (the background toggles the sidebar itself). */
  setPanelBehavior?(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  /** action.setPopup: "" takes the popup off the button, so a click reaches the panel. */
  setPopup(details: { popup: string }): Promise<void>;
}

/** The popup page, as the manifest's action names it. */
export const POPUP_PATH = "popup.html";

/**
 * Makes the toolbar button (and its _execute_action shortcut, which clicks it) open the side panel
 * or the popup, as the desk's preference says. Chrome shows an action's popup rather than the
 * panel, so the popup comes off the button while the panel is chosen. Run at every worker start and
 * on every settings change: cheap, and right after an update or a browser start.
 */
export async function applyToolbarBehavior(api: ToolbarApi, settings: StoredSettings): Promise<void> {
  const panel = settings.preferences.toolbarOpensSidePanel;
  await api.setPanelBehavior?.({ openPanelOnActionClick: panel });
  await api.setPopup({ popup: panel ? "" : POPUP_PATH });
}

/** Firefox's sidebarAction (not in the Chrome types WXT ships). */
interface SidebarAction {
  open(): Promise<void>;
  toggle(): Promise<void>;
}

/** The browser's API objects this module reads; the real `browser`, or a stub in tests. */
export interface PanelApis {
  sidePanel?: Pick<typeof Browser.sidePanel, "open" | "setPanelBehavior">;
  sidebarAction?: SidebarAction;
}

/** The opener for this browser, or null where it has neither API (then the popup asks instead). */
export function panelOpener(apis: PanelApis): PanelOpener | null {
  const { sidePanel, sidebarAction } = apis;
  if (typeof sidePanel?.open === "function") {
    return {
      open: async (target) => {
        // The window first: the panel then stays open as the operator moves between tabs.
        if (target?.windowId !== undefined) await sidePanel.open({ windowId: target.windowId });
        else if (target?.id !== undefined && target.id >= 0) await sidePanel.open({ tabId: target.id });
        else throw new Error("No window to open the side panel in");
      },
    };
  }
  if (typeof sidebarAction?.open === "function") return { open: () => sidebarAction.open() };
  return null;
}

/** Firefox: a click on the popup-less button toggles the sidebar (Chrome does it through setPanelBehavior). */
export function toggleSidebar(apis: PanelApis): void {
  if (typeof apis.sidePanel?.setPanelBehavior === "function") return;
  void apis.sidebarAction
    ?.toggle()
    .catch((error: unknown) => console.warn("Could not open the sidebar", error));
}
