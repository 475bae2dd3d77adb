import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The script-free twin of popup.html that the benchmark adds to its copy of the extension. */
export const STATIC_PAGE = "bench-static.html";

/** The script-free twin of send-log.html, holding its rendered first page. */
export const STATIC_SEND_LOG_PAGE = "bench-static-send-log.html";

const MOUNT_POINT = '<div id="app"></div>';

/**
 * A page's HTML with its scripts and module preloads removed and its rendered markup put in the
 * mount point: the same stylesheets and the same DOM, with nothing to run.
 */
export function buildStaticPage(pageHtml: string, renderedApp: string): string {
  if (!pageHtml.includes(MOUNT_POINT)) throw new Error(`The page has no ${MOUNT_POINT} to fill`);
  return pageHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/giu, "")
    .replace(/<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>\s*/giu, "")
    .replace(MOUNT_POINT, renderedApp);
}

/** Writes `twin`, the static twin of `page` (popup.html unless named), in the extension folder Chromium loaded. */
export function writeStaticPage(
  extensionDir: string,
  renderedApp: string,
  page = "popup.html",
  twin = STATIC_PAGE,
): void {
  const pageHtml = readFileSync(join(extensionDir, page), "utf8");
  writeFileSync(join(extensionDir, twin), buildStaticPage(pageHtml, renderedApp));
}
