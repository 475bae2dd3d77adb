import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import {
  deleteConnection,
  forgetToken,
  getClubLanguages,
  getSavedToken,
  listClubs,
  saveConnection,
  setActiveConnection,
  testConnection,
} from "./connection";
import { createBrowserDeps } from "./deps";
import { precheckMember } from "./precheck";
import { clearSendLog, onBrowserStart, setPreferences } from "./preferences";
import { createRouter, isOwnExtensionPage } from "./router";
import { sendRegistrationPassword } from "./send-registration-password";

// Wiring only. Listeners are registered synchronously in main() so a restarted service worker
// receives the event that woke it (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
export default defineBackground(() => {
  const deps = createBrowserDeps();
  const optionsPageUrl = browser.runtime.getURL("/options.html");

  browser.runtime.onMessage.addListener(
    createRouter(
      {
        sendRegistrationPassword: (data) => sendRegistrationPassword(deps, data),
        precheckMember: (data) => precheckMember(deps, data),
        saveConnection: (data) => saveConnection(deps, data),
        deleteConnection: (data) => deleteConnection(deps, data),
        setActiveConnection: (data) => setActiveConnection(deps, data),
        testConnection: (data) => testConnection(deps, data),
        listClubs: (data) => listClubs(deps, data),
        getClubLanguages: (data) => getClubLanguages(deps, data),
        forgetToken: (data) => forgetToken(deps, data),
        getSavedToken: (data, sender) => getSavedToken(deps, data, sender, optionsPageUrl),
        setPreferences: (data) => setPreferences(deps, data),
        clearSendLog: () => clearSendLog(deps),
      },
      isOwnExtensionPage(browser.runtime.id, browser.runtime.getURL("/")),
    ),
  );

  const start = () => void onBrowserStart(deps);
  browser.runtime.onStartup.addListener(start);
  browser.runtime.onInstalled.addListener(start);
});
