import { beforeEach } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { formatCatalogMessage, loadCatalog } from "../support/catalog";

// fakeBrowser keeps storage and listeners between tests unless reset, and has no i18n: give it the
// English catalog so tests see the words a user sees.
beforeEach(() => {
  fakeBrowser.reset();
  const english = loadCatalog("en");
  fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | string[]) =>
    formatCatalogMessage(english, key, substitutions);
  fakeBrowser.i18n.getUILanguage = () => "en";
  // fakeBrowser has no permissions events; the background's deps listen to them (deps.ts).
  const noEvent = { addListener() {}, removeListener() {}, hasListener: () => false };
  Object.assign(fakeBrowser.permissions, { onAdded: noEvent, onRemoved: noEvent });
});
