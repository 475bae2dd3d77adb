import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { forgetToken, getSavedToken, saveConnection, testConnection } from "./connection";
import { type BackgroundDeps, createBrowserDeps } from "./deps";
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
        saveConnection: (data) => saveConnection(deps, data),
        testConnection: (data) => testConnection(deps, data),
        forgetToken: () => forgetToken(deps),
        getSavedToken: (_data, sender) => getSavedToken(deps, sender, optionsPageUrl),
      },
      isOwnExtensionPage(browser.runtime.id, browser.runtime.getURL("/")),
    ),
  );

  // storage.session is empty after a browser start or an extension update: a session-only token is gone.
  const forgetSessionToken = () => void markSessionTokenGone(deps);
  browser.runtime.onStartup.addListener(forgetSessionToken);
  browser.runtime.onInstalled.addListener(forgetSessionToken);
});

/** Marks a session-only token as gone once the browser has dropped storage.session. */
async function markSessionTokenGone(deps: BackgroundDeps): Promise<void> {
  const { connection } = await deps.readSettings();
  if (connection === null || connection.rememberToken || !connection.hasToken) return;
  if ((await deps.readToken(false)) === null) {
    await deps.writeSettings({ connection: { ...connection, hasToken: false } });
  }
}
