/**
 * `npm run icons`: renders the extension's icons (public/icon/16, 32, 48, 128.png) from their SVG
 * sources in design/icon/ with headless Chromium, on a transparent background at device scale 1.
 *
 * - icon-16.svg and icon-32.svg are drawn for their size, strokes on whole pixels;
 * - icon.svg is the 96-unit artwork: the 48 px icon is it at half scale (whole pixels again), and
 *   the 128 px one is it at 96×96 inside 16 px of transparent padding, as the Chrome Web Store asks
 *   (https://developer.chrome.com/docs/webstore/images, "Icon size").
 *
 * `npm run icons -- --preview /tmp/icons.png` also writes a sheet of the rendered PNGs on a white
 * and a dark (#202124) toolbar, at their size and magnified, to look at before committing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_FLAGS, findChromium, NO_CHROMIUM_HELP } from "../support/chromium";

const ROOT = join(import.meta.dirname, "..", "..");
const SOURCES = join(ROOT, "design", "icon");
const OUT = join(ROOT, "public", "icon");

/** Each icon: its SVG source and where its artwork goes on the square canvas (px). */
const ICONS = [
  { size: 16, source: "icon-16.svg", inset: 0 },
  { size: 32, source: "icon-32.svg", inset: 0 },
  { size: 48, source: "icon.svg", inset: 0 },
  { size: 128, source: "icon.svg", inset: 16 },
] as const;

function dataUrl(mime: string, bytes: Buffer): string {
  return `data:${mime};base64,${bytes.toString("base64")}`;
}

/** A page that shows one image at (inset, inset), size × size, on nothing. */
function imagePage(src: string, size: number, inset: number): string {
  const side = size - 2 * inset;
  return `<!doctype html><html><head><style>html,body{margin:0;background:transparent}
img{position:absolute;left:${inset}px;top:${inset}px;width:${side}px;height:${side}px}</style></head>
<body><img src="${src}" alt=""></body></html>`;
}

/** The rendered icons on a white and a dark toolbar: 1× (as a desk sees them) and 6× (pixelated). */
function previewPage(pngs: Map<number, Buffer>): string {
  const row = (background: string, zoom: number) =>
    `<div style="background:${background};padding:12px;display:flex;gap:16px;align-items:center">${[...pngs]
      .map(
        ([size, png]) =>
          `<img src="${dataUrl("image/png", png)}" style="width:${size * zoom}px;height:${size * zoom}px;image-rendering:pixelated">`,
      )
      .join("")}</div>`;
  return `<!doctype html><html><body style="margin:0;width:max-content">${row("#fff", 1)}${row("#202124", 1)}${row("#fff", 3)}${row("#202124", 3)}</body></html>`;
}

const previewAt = process.argv.indexOf("--preview");
const previewPath = previewAt >= 0 ? process.argv[previewAt + 1] : undefined;
if (previewAt >= 0 && !previewPath) throw new Error("usage: render-icons.ts [--preview <file.png>]");

const executablePath = findChromium();
if (!executablePath) {
  console.error(NO_CHROMIUM_HELP);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
try {
  const pngs = new Map<number, Buffer>();
  for (const { size, source, inset } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const svg = readFileSync(join(SOURCES, source));
    await page.setContent(imagePage(dataUrl("image/svg+xml", svg), size, inset));
    await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ omitBackground: true });
    writeFileSync(join(OUT, `${size}.png`), png);
    pngs.set(size, png);
    await page.close();
    console.warn(`public/icon/${size}.png from design/icon/${source}`);
  }
  if (previewPath) {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    await page.setContent(previewPage(pngs));
    await page.locator("body").screenshot({ path: previewPath });
    console.warn(`preview: ${previewPath}`);
  }
} finally {
  await browser.close();
}
