import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** One entry of a `_locales/<lang>/messages.json` catalog. */
export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** A whole catalog by key. */
export type Catalog = Record<string, CatalogEntry>;

const cache = new Map<string, Catalog>();

// Not `new URL("../../public/...", import.meta.url)`: in browser-like test environments (happy-dom)
// Vite's asset plugin rewrites that pattern to the served /public path, file:///public/... here.
const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../public/_locales");

/** Reads public/_locales/<locale>/messages.json. */
export function loadCatalog(locale: string): Catalog {
  let catalog = cache.get(locale);
  if (!catalog) {
    catalog = JSON.parse(readFileSync(join(LOCALES_DIR, locale, "messages.json"), "utf8")) as Catalog;
    cache.set(locale, catalog);
  }
  return catalog;
}

/**
 * What browser.i18n.getMessage answers, for tests (fakeBrowser has no i18n): named $PLACEHOLDERS$
 * become their `content`, whose $1..$9 take the substitutions; a missing key answers "".
 */
export function formatCatalogMessage(
  catalog: Catalog,
  key: string,
  substitutions: string | string[] = [],
): string {
  const entry = catalog[key];
  if (!entry) return "";
  const subs = Array.isArray(substitutions) ? substitutions : [substitutions];
  const fill = (text: string) => text.replace(/\$(\d)/gu, (_m, n: string) => subs[Number(n) - 1] ?? "");
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/gu, (whole, name: string) => {
    const placeholder = entry.placeholders?.[name.toLowerCase()];
    return placeholder ? fill(placeholder.content) : whole;
  });
}
