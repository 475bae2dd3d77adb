import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { atMost, type BenchMetric, type MetricResult } from "./metric";

/**
 * What the popup loads up front, gzipped. Issue 2 set 15 KB; the team raised it to 18 KB (issue
 * 11: webextension-polyfill alone is 3 KB of it) so that decisions such as the outcome table are
 * made once and imported, not re-listed by hand to save bytes. Start-up speed is what matters:
 * `npm run bench` measures it against a static page.
 */
export const POPUP_SIZE_BUDGET = 18 * 1024;

/** One file the popup loads before it can render, with its size as built and gzipped (level 9). */
export interface LoadedFile {
  /** Path inside the extension, e.g. `chunks/popup-abc.js`. */
  path: string;
  /** How the popup reaches it: the page itself, a tag in the page, or a static import. */
  via: string;
  bytes: number;
  gzipBytes: number;
}

// Attribute values of the tags that load something before first render.
const TAG = /<(script|link)\b([^>]*)>/giu;
const ATTRIBUTE = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gu;
// Static `import … from "x"`, `import "x"`, `export … from "x"` in minified output; `import(` is
// a dynamic import (loaded later) and does not match, because `(` is neither a quote nor a name.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'`]([^"'`]+)["'`]/gu;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/gu;
const CSS_IMPORT = /@import\s+(?:url\(\s*)?["']?([^"')\s;]+)/gu;

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const name = match[1]?.toLowerCase();
    if (name) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? "");
  }
  return attributes;
}

/** Resolves a URL found in `from` (a path inside the extension) to a path inside the extension. */
function resolveInExtension(from: string, url: string): string | null {
  if (/^[a-z][a-z\d+.-]*:/iu.test(url) || url.startsWith("//")) return null; // another origin
  const path = url.split(/[?#]/u, 1)[0] ?? url;
  const resolved = path.startsWith("/") ? posix.normalize(path) : posix.join(posix.dirname(`/${from}`), path);
  return resolved.replace(/^\/+/u, "");
}

/** The files a page references with script src, stylesheet and modulepreload links. */
export function referencedByHtml(html: string): Array<{ url: string; via: string }> {
  const found: Array<{ url: string; via: string }> = [];
  for (const match of html.matchAll(TAG)) {
    const tag = match[1]?.toLowerCase();
    const attributes = attributesOf(match[2] ?? "");
    if (tag === "script") {
      const src = attributes.get("src");
      if (src) found.push({ url: src, via: "<script src>" });
      continue;
    }
    const rel = (attributes.get("rel") ?? "").toLowerCase().split(/\s+/u);
    const href = attributes.get("href");
    if (!href) continue;
    if (rel.includes("stylesheet")) found.push({ url: href, via: "<link stylesheet>" });
    else if (rel.includes("modulepreload")) found.push({ url: href, via: "<link modulepreload>" });
  }
  return found;
}

/** Specifiers a script or stylesheet imports statically (loaded before it runs). */
export function staticImportsOf(path: string, text: string): string[] {
  const pattern = path.endsWith(".css") ? CSS_IMPORT : STATIC_IMPORT;
  return [...text.matchAll(pattern)].map((match) => match[1] ?? "").filter((url) => url !== "");
}

/** Specifiers a script imports with `import("…")`: loaded later, so not counted. */
export function dynamicImportsOf(text: string): string[] {
  return [...text.matchAll(DYNAMIC_IMPORT)].map((match) => match[1] ?? "").filter((url) => url !== "");
}

/**
 * Every file a page loads up front: the page, what its tags reference, and what those scripts and
 * stylesheets import statically, transitively. Also returns the dynamic imports it saw.
 */
export function collectUpFrontFiles(
  extensionDir: string,
  page: string,
): { files: LoadedFile[]; dynamic: string[] } {
  const files: LoadedFile[] = [];
  const dynamic = new Set<string>();
  const seen = new Set<string>();
  const visit = (path: string, via: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const content = readFileSync(join(extensionDir, path));
    files.push({ path, via, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
    const text = content.toString("utf8");
    const next = path.endsWith(".html")
      ? referencedByHtml(text)
      : staticImportsOf(path, text).map((url) => ({ url, via: `imported by ${path}` }));
    if (path.endsWith(".js")) {
      for (const url of dynamicImportsOf(text)) dynamic.add(resolveInExtension(path, url) ?? url);
    }
    for (const { url, via: how } of next) {
      const target = resolveInExtension(path, url);
      if (target !== null) visit(target, how);
    }
  };
  visit(page, "the page");
  return { files, dynamic: [...dynamic].filter((path) => !seen.has(path)) };
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

/** Measures popup.html and what it loads up front, gzipped one file at a time. */
export function measurePopupSize(extensionDir: string): MetricResult {
  const { files, dynamic } = collectUpFrontFiles(extensionDir, "popup.html");
  const total = files.reduce((sum, file) => sum + file.gzipBytes, 0);
  const width = Math.max(...files.map((file) => file.path.length));
  const details = files.map(
    (file) =>
      `${file.path.padEnd(width)}  ${kilobytes(file.bytes).padStart(9)} raw  ${kilobytes(file.gzipBytes).padStart(9)} gz  (${file.via})`,
  );
  if (dynamic.length > 0) details.push(`not counted (dynamic import, loaded later): ${dynamic.join(", ")}`);
  return atMost(
    { name: "popup JS+CSS+HTML, gzipped", value: total, unit: "bytes", budget: POPUP_SIZE_BUDGET },
    details,
  );
}

/** Metric 1: the popup's up-front bytes. Reads the extension folder the session loaded. */
export const popupSize: BenchMetric = {
  name: "popup size",
  run: async (session) => measurePopupSize(session.extensionDir),
};
