/**
 * What keeps a picture the same from one run to the next (the README's, npm run screenshots; the
 * store's, npm run store-assets), so that making them again changes only what the UI changed.
 */

/**
 * The sandbox's port when the tracked pictures are made: it shows in them (base URLs, hosts). Below
 * Linux's range for ports picked at random (32768–60999), so no other test's sandbox lands on it.
 */
const PICTURE_PORT = 28080;

/** The moment a picture's clock shows (page.clock): Thursday 12 March 2026, 14:30 in Oslo. */
export const PICTURE_TIME = Date.UTC(2026, 2, 12, 13, 30);

/**
 * Chromium flags for a picture. Without them a rounded corner's edge pixels can differ by one
 * level between runs: a part of the page redrawn alone (a progress bar growing, a row changing)
 * is rasterized again without the rest of its tile, so the edge's antialiasing depends on timing.
 */
const PICTURE_FLAGS = ["--disable-partial-raster"];

/**
 * A file of pictures: the tracked `folder` they go to (only `npm run screenshots` and `npm run
 * store-assets` run these specs; playwright.config.ts leaves them out of `npm test`), and its
 * test.use: the fixed port, the dates in Oslo's time, no transition caught halfway (the bulk
 * progress bar's).
 */
export function pictureFile(folder: string) {
  return {
    path: (name: string) => `${folder}/${name}.png`,
    use: {
      sandboxPort: PICTURE_PORT,
      timezoneId: "Europe/Oslo",
      reducedMotion: "reduce",
      chromiumFlags: PICTURE_FLAGS,
    },
  } as const;
}

/** Screenshot options for a picture: no animation caught halfway, no blinking caret. */
export function still(path: string) {
  return { path, animations: "disabled", caret: "hide" } as const;
}
