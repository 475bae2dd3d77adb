import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The script-free twin of popup.html that the benchmark adds to its copy of the extension. */
export const STATIC_PAGE = "bench-static.html";

const MOUNT_POINT = '<div id="app"></div>';

/**
 * popup.html with its scripts and module preloads removed and the popup's rendered markup put in
 * the mount point: the same stylesheets and the same DOM, with nothing to run.
 */
export function buildStaticPage(popupHtml: string, renderedApp: string): string {
  if (!popupHtml.includes(MOUNT_POINT)) throw new Error(`popup.html has no ${MOUNT_POINT} to fill`);
  return popupHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/giu, "")
    .replace(/<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>\s*/giu, "")
    .replace(MOUNT_POINT, renderedApp);
}

/** Writes the static page next to popup.html in the extension folder Chromium loaded. */
export function writeStaticPage(extensionDir: string, renderedApp: string): void {
  const popupHtml = readFileSync(join(extensionDir, "popup.html"), "utf8");
  writeFileSync(join(extensionDir, STATIC_PAGE), buildStaticPage(popupHtml, renderedApp));
}
