import type { ContextMenuDeps, MenuNotification } from "@/entrypoints/background/context-menu";
import { createTestDeps } from "./background-deps";

/** The popup page the right-click handler opens a window on when it has to ask. */
export const POPUP_URL = "chrome-extension://test-id/popup.html";

/**
 * The right-click handler's deps: the background's test deps with notifications and windows stubs
 * (fakeBrowser has neither) that record what they were asked to show and open. No side panel
 * unless `overrides` gives one.
 */
export function recordingMenuDeps(overrides: Partial<ContextMenuDeps> = {}) {
  const shown: MenuNotification[] = [];
  const opened: Array<Parameters<ContextMenuDeps["windows"]["create"]>[0]> = [];
  const deps: ContextMenuDeps = {
    ...createTestDeps(),
    notifications: {
      create: async (options) => {
        shown.push(options);
        return `notification-${shown.length}`;
      },
    },
    windows: {
      create: async (data) => {
        opened.push(data);
        return {};
      },
    },
    popupUrl: POPUP_URL,
    panel: null,
    ...overrides,
  };
  return { deps, shown, opened };
}
