import { resolve } from "node:path";
import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";

/** The Placewise hosts the extension may call without asking; anything else is requested at save time. */
export const PLACEWISE_HOST_PERMISSIONS = [
  "https://api.mpc.placewise.com/*",
  "https://api.mpc.apac.placewise.com/*",
  "https://api.mpc.dev.placewise.com/*",
];

/** Where the sandbox (npm start, npm run dev, the browser tests) listens: loopback, plain HTTP. */
export const LOOPBACK_HOST_PERMISSIONS = ["http://localhost/*", "http://127.0.0.1/*"];

/** The build modes that talk to the sandbox; every other mode builds what desks install. */
const SANDBOX_MODES = new Set(["development", "e2e"]);

/**
 * The hosts a build may call without asking. Loopback is granted only to the modes named in
 * SANDBOX_MODES, so anything else, `wxt zip` and `wxt build` with WXT's default "production" mode
 * above all, is a store package without it: a production extension page with loopback access could
 * read any local HTTP service. WXT passes the CLI's --mode to the manifest function
 * (ConfigEnv.mode, https://wxt.dev/api/reference/wxt/interfaces/ConfigEnv). `npm run build`, `npm
 * start` and `npm run bench` build with --mode development, `npm run test:e2e` with --mode e2e.
 * Not a mode "store": WXT defines the background's process.env.NODE_ENV as the mode, and the
 * package desks run should see "production".
 */
export function hostPermissionsFor(mode: string): string[] {
  return SANDBOX_MODES.has(mode)
    ? [...PLACEWISE_HOST_PERMISSIONS, ...LOOPBACK_HOST_PERMISSIONS]
    : PLACEWISE_HOST_PERMISSIONS;
}

/**
 * What the sources zip holds (picomatch globs; "!" leaves out). An allowlist, so untracked files,
 * test screenshots, store assets and build output never reach a reviewer. `npm ci && npm run zip`
 * rebuilds the packages from it.
 */
export const REVIEWER_SOURCES = [
  "entrypoints/**",
  "components/**",
  "utils/**",
  "public/**",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "wxt.config.ts",
  "README.md",
  "PRIVACY.md",
  "CHANGELOG.md",
  "CONTRIBUTING.md",
  "!**/*.test.{ts,tsx}",
  // The options page's component-test helpers, which import test/.
  "!entrypoints/options/testing.tsx",
];

/** Where the package carries its copy of PRIVACY.md (entrypoints/options/PrivacyLink.tsx links it). */
const PRIVACY_POLICY_FILE = "privacy.txt";

/** The toolbar and extension-page icons (public/icon); notifications use the 128 px one. */
const EXTENSION_ICONS = {
  16: "icon/16.png",
  32: "icon/32.png",
  48: "icon/48.png",
  128: "icon/128.png",
};

// See https://wxt.dev/api/config.html
export default defineConfig({
  // PSH_OUT_DIR lets parallel work (and a benchmark beside the tests) build without overwriting
  // the extension another Chromium has loaded.
  outDir: process.env.PSH_OUT_DIR ?? ".output",
  modules: ["@wxt-dev/webextension-polyfill"],
  zip: {
    // The sources zip addons.mozilla.org asks for holds what a reviewer needs to rebuild the
    // package and nothing else: everything is left out, then the build's inputs are let back in.
    excludeSources: ["**/*"],
    includeSources: REVIEWER_SOURCES,
  },
  // Every dependency is imported by hand, so the linter and the reader see it (STYLE.md).
  imports: false,
  hooks: {
    // The options page links the privacy policy; the package carries PRIVACY.md itself, so the
    // link works offline and says what this version does. As .txt: browsers show that in a tab.
    "build:publicAssets": (wxt, files) => {
      files.push({ absoluteSrc: resolve(wxt.config.root, "PRIVACY.md"), relativeDest: PRIVACY_POLICY_FILE });
    },
    // So browser.runtime.getURL("/privacy.txt") type-checks like a file in public/.
    "prepare:publicPaths": (_wxt, paths) => {
      paths.push(PRIVACY_POLICY_FILE);
    },
  },
  vite: ({ command }) => ({
    // Built packages, npm test's e2e build and the bench's development one too, hold what desks
    // install: no JSX source locations and no hook names for Preact's devtools (nothing in them
    // loads preact/debug). Only `wxt` (serve) keeps them. 0.6 KB of the popup's up-front bytes.
    plugins: [preact({ devToolsEnabled: command === "serve" })],
    oxc: { jsx: { development: command === "serve" } },
    // Modulepreload links in each page's HTML fetch its whole static import graph at once, rather
    // than one level of imports after another (about 10 ms of the popup's start, npm run bench).
    // No polyfill: every browser the manifest admits preloads modules itself.
    build: { modulePreload: { polyfill: false } },
  }),
  manifest: ({ browser, mode }) => ({
    name: "__MSG_extensionName__",
    description: "__MSG_extensionDescription__",
    default_locale: "en",
    // contextMenus: the right-click item; notifications: its result, since it has no page to show it in.
    // unlimitedStorage: storage.local's 10 MiB would hold ~29,000 log entries, less than the send
    // log's cap allows; a full area would silently break the log (no install warning in Chrome).
    // sidePanel: the panel beside the ticket (entrypoints/sidepanel; WXT would add it too). Firefox
    // has no such permission: its sidebar_action needs none.
    permissions: [
      "storage",
      "unlimitedStorage",
      "alarms",
      "contextMenus",
      "notifications",
      ...(browser === "firefox" ? [] : ["sidePanel"]),
    ],
    host_permissions: hostPermissionsFor(mode),
    optional_host_permissions: ["https://*/*"],
    icons: EXTENSION_ICONS,
    action: {
      default_title: "__MSG_extensionName__",
      default_icon: EXTENSION_ICONS,
    },
    commands: {
      // Clicks the toolbar button: the popup, whose field has focus, or the side panel when the desk
      // preference says so (entrypoints/background/side-panel.ts). S for "send". Chrome leaves a suggested key unbound
      // when it is one of its own (Alt+Shift+P, R and W are, in Chromium 156); context-menu.spec.ts
      // checks that this one is bound. Not Ctrl+Shift+Y: Edge opens Collections with it and Firefox
      // on Linux its Downloads. On a Mac, Control: Option+Shift+letter types characters there.
      _execute_action: {
        suggested_key: { default: "Alt+Shift+S", mac: "MacCtrl+Shift+S" },
        description: "__MSG_menu_openPopup__",
      },
    },
    // What IT may set through enterprise policy (utils/policy.ts reads it from storage.managed).
    // Chrome and Edge check policy values against this schema; Firefox has no managed_schema and
    // takes the same values from policies.json 3rdparty.Extensions.<id> (README, "For IT").
    ...(browser === "firefox" ? {} : { storage: { managed_schema: "managed-schema.json" } }),
    ...firefoxSettings(browser),
  }),
});

/** The add-on id Firefox and addons.mozilla.org know this extension by. */
export const GECKO_ID = "support-helper@placewise.com";

/**
 * What only Firefox's manifest carries. 140 is the first Firefox that reads
 * data_collection_permissions, which addons.mozilla.org requires of new add-ons
 * (https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/). The extension
 * handles members' emails and phone numbers and an API token: it says so.
 */
export function firefoxSettings(browser: string) {
  if (browser !== "firefox") return {};
  return {
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        strict_min_version: "140.0",
        data_collection_permissions: { required: ["personallyIdentifyingInfo", "authenticationInfo"] },
      },
    },
  };
}
