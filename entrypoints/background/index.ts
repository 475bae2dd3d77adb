import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { watchPolicy } from "@/utils/policy";
import { watchSettings } from "@/utils/settings";
import { BULK_ALARM, createBrowserBulkRunner } from "./browser-bulk-runner";
import { onBrowserStart } from "./browser-start";
import { type MenuClick, onContextMenuClick, refreshMenuTitle, registerContextMenu } from "./context-menu";
import { createBrowserDeps } from "./deps";
import { openWelcomeOnInstall } from "./first-install";
import { createMessageHandlers } from "./message-handlers";
import { keepTokensForSessionOnly } from "./policy-rules";
import { createRouter, isOwnExtensionPage } from "./router";
import { applyToolbarBehavior, type PanelApis, panelOpener, toggleSidebar } from "./side-panel";

// Wiring only. Listeners are registered synchronously in main() so a restarted service worker
// receives the event that woke it (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
export default defineBackground(() => {
  const deps = createBrowserDeps();
  const optionsPageUrl = browser.runtime.getURL("/options.html");
  const bulk = createBrowserBulkRunner(deps);

  browser.runtime.onMessage.addListener(
    createRouter(
      createMessageHandlers(deps, bulk, optionsPageUrl),
      isOwnExtensionPage(browser.runtime.id, browser.runtime.getURL("/")),
    ),
  );

  const start = () => void keepTokensForSessionOnly(deps).then(() => onBrowserStart(deps));
  browser.runtime.onStartup.addListener(start);
  browser.runtime.onInstalled.addListener(start);
  const welcome = {
    openTab: (url: string) => browser.tabs.create({ url }),
    welcomeUrl: browser.runtime.getURL("/options.html?welcome"),
  };
  browser.runtime.onInstalled.addListener((details) => void openWelcomeOnInstall(welcome, details));
  // IT's policy can change while the browser runs, or arrive after it started.
  watchPolicy(() => void keepTokensForSessionOnly(deps));

  // The toolbar button opens the popup or the side panel, as the desk's preference says; applied
  // by every new worker (the browser keeps neither across an update) and on every settings change.
  const panelApis = browser as unknown as PanelApis;
  const toolbar = {
    setPanelBehavior: panelApis.sidePanel
      ? (behavior: { openPanelOnActionClick: boolean }) => browser.sidePanel.setPanelBehavior(behavior)
      : undefined,
    setPopup: (details: { popup: string }) => browser.action.setPopup(details),
  };
  const applyToolbar = () =>
    void deps
      .readSettings()
      .then((settings) => applyToolbarBehavior(toolbar, settings))
      .catch((error: unknown) => console.warn("Could not set the toolbar button", error));
  applyToolbar();
  watchSettings(applyToolbar);
  // Fires only while the button has no popup: Firefox's way to the sidebar (Chrome's is setPanelBehavior).
  browser.action.onClicked.addListener(() => toggleSidebar(panelApis));

  // Right-click on selected text. The item persists, so it is created on install and update, and
  // again when the policy changes (which may switch it off); its title names the active
  // connection, so it is renamed at start and whenever that changes.
  const menuDeps = {
    ...deps,
    notifications: browser.notifications,
    windows: browser.windows,
    popupUrl: browser.runtime.getURL("/popup.html"),
    panel: panelOpener(panelApis),
  };
  const onMenuClick = (click: MenuClick) => onContextMenuClick(menuDeps, click);
  const withMenuState = (apply: typeof registerContextMenu) => () =>
    void Promise.all([deps.readSettings(), deps.readPolicy()]).then(([settings, { policy }]) =>
      apply(browser.contextMenus, settings, policy.contextMenuEnabled),
    );
  const registerMenu = withMenuState(registerContextMenu);
  browser.runtime.onInstalled.addListener(registerMenu);
  watchPolicy(registerMenu);
  const renameMenu = withMenuState(refreshMenuTitle);
  browser.runtime.onStartup.addListener(registerMenu);
  watchSettings(renameMenu);
  browser.contextMenus.onClicked.addListener((click, tab) => void onMenuClick({ ...click, tab }));
  // The browser tests' entry point (test/e2e/context-menu.spec.ts), built only with `--mode e2e`:
  // the store packages never carry it (checked by npm run lint:firefox).
  if (import.meta.env.MODE === "e2e")
    Object.assign(globalThis, { placewiseSupportHelper: { onContextMenuClick: onMenuClick } });

  // A bulk run outlives the service worker: the runner's alarm while a run is running, the
  // browser's start and every new worker pick up a run a stopped worker left.
  const resumeBulk = () => void bulk.resumeUnfinished();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BULK_ALARM) resumeBulk();
  });
  browser.runtime.onStartup.addListener(resumeBulk);
  resumeBulk();
});
