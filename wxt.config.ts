import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

/** The Placewise hosts the extension may call without asking; anything else is requested at save time. */
export const PLACEWISE_HOST_PERMISSIONS = [
  "https://api.mpc.placewise.com/*",
  "https://api.mpc.apac.placewise.com/*",
  "https://api.mpc.dev.placewise.com/*",
  // The sandbox (npm start, browser tests) listens on loopback over plain HTTP.
  "http://localhost/*",
  "http://127.0.0.1/*",
];

// See https://wxt.dev/api/config.html
export default defineConfig({
  // PSH_OUT_DIR lets parallel work (and a benchmark beside the tests) build without overwriting
  // the extension another Chromium has loaded.
  outDir: process.env.PSH_OUT_DIR ?? ".output",
  modules: ["@wxt-dev/webextension-polyfill"],
  // Every dependency is imported by hand, so the linter and the reader see it (STYLE.md).
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: {
    name: "__MSG_extensionName__",
    description: "__MSG_extensionDescription__",
    default_locale: "en",
    permissions: ["storage"],
    host_permissions: PLACEWISE_HOST_PERMISSIONS,
    optional_host_permissions: ["https://*/*"],
    action: {
      default_title: "__MSG_extensionName__",
    },
  },
});
