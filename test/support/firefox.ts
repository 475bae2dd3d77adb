import { existsSync } from "node:fs";

/**
 * Finds a Firefox for the Firefox browser test: $FIREFOX_PATH, then Debian's firefox-esr, then a
 * system firefox. Any Firefox 140 or later (the manifest's strict_min_version) that speaks
 * WebDriver BiDi will do; puppeteer-core downloads none.
 */
export function findFirefox(): string | undefined {
  const candidates = [
    process.env.FIREFOX_PATH,
    "/usr/bin/firefox-esr",
    "/usr/bin/firefox",
    "/Applications/Firefox.app/Contents/MacOS/firefox",
  ];
  return candidates.find(
    (path): path is string => typeof path === "string" && path !== "" && existsSync(path),
  );
}

/** What to tell a person who has no Firefox. */
export const NO_FIREFOX_HELP = [
  "No Firefox found. Install one and run again:",
  "  Debian/Ubuntu: sudo apt-get install -y firefox-esr",
  "  or point FIREFOX_PATH at a Firefox 140 or later binary.",
].join("\n");
