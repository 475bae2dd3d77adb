import { existsSync } from "node:fs";

/** Flags every launch needs here: no sandbox as root, and no calls home on a closed network. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-gpu",
  "--disable-quic",
];

/** Flags that load one unpacked extension (and no other). */
export function extensionFlags(extensionPath: string): string[] {
  return [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`];
}

/**
 * Finds a Chromium that still honours --load-extension: $CHROMIUM_PATH, then the system's chromium.
 * Google Chrome 137 and later ignore --load-extension, so it is never picked by default.
 */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/snap/bin/chromium",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
  ];
  return candidates.find(
    (path): path is string => typeof path === "string" && path !== "" && existsSync(path),
  );
}

/** What to tell a person who has no Chromium. */
export const NO_CHROMIUM_HELP = [
  "No Chromium found. Install one and run again:",
  "  Debian/Ubuntu: sudo apt-get install -y chromium",
  "  or point CHROMIUM_PATH at a Chromium binary (not Google Chrome: since version 137 it ignores --load-extension).",
].join("\n");
