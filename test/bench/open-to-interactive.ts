import { atMost, type BenchMetric, type MetricResult } from "./metric";
import { installReadyProbe, type LoadTiming, type ReadyCondition, readLoadTiming } from "./ready-probe";
import type { BenchSession } from "./session";
import { STATIC_PAGE, writeStaticPage } from "./static-page";
import { describeSamples, median } from "./stats";

/** Issue 2, "Performance": the popup may take at most twice as long as a page with no script. */
export const OPEN_TO_INTERACTIVE_BUDGET = 2.0;

const LOADS = 20;
const WARM_UP_LOADS = 2;

/** Opens `path` in a fresh tab and returns when the probe saw it ready. */
async function loadOnce(session: BenchSession, path: string, condition: ReadyCondition): Promise<LoadTiming> {
  const page = await session.newPage();
  try {
    await installReadyProbe(page, condition);
    await page.goto(session.pageUrl(path), { waitUntil: "commit" });
    return await readLoadTiming(page);
  } finally {
    await page.close();
  }
}

/** Renders the popup once and keeps its markup, so the static page shows exactly what it shows. */
async function renderedPopupMarkup(session: BenchSession, condition: ReadyCondition): Promise<string> {
  const page = await session.newPage();
  try {
    await installReadyProbe(page, condition);
    await page.goto(session.pageUrl("popup.html"), { waitUntil: "commit" });
    await readLoadTiming(page);
    return await page.locator("#app").evaluate((app) => app.outerHTML);
  } finally {
    await page.close();
  }
}

/** Medians of each timing, for the breakdown line. */
function medianTiming(loads: LoadTiming[]): LoadTiming {
  return {
    readyAt: median(loads.map((load) => load.readyAt)),
    contentAt: median(loads.map((load) => load.contentAt)),
    domInteractive: median(loads.map((load) => load.domInteractive)),
    domContentLoadedEnd: median(loads.map((load) => load.domContentLoadedEnd)),
  };
}

function describeBreakdown(timing: LoadTiming): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `HTML parsed ${ms(timing.domInteractive)}, scripts run ${ms(timing.domContentLoadedEnd)}, field and club in the DOM ${ms(timing.contentAt)}, styled (ready) ${ms(timing.readyAt)}`;
}

/**
 * Popup open-to-interactive: navigation start until "Member email" is usable and the club is
 * shown, as a ratio to a script-free page in the same extension, loaded alternately in fresh tabs.
 */
export async function measureOpenToInteractive(session: BenchSession): Promise<MetricResult> {
  const condition: ReadyCondition = { fieldLabel: "Member email", shownText: session.connection.clubSlug };
  writeStaticPage(session.extensionDir, await renderedPopupMarkup(session, condition));

  const popup: LoadTiming[] = [];
  const staticPage: LoadTiming[] = [];
  for (let round = 0; round < WARM_UP_LOADS; round++) {
    await loadOnce(session, "popup.html", condition);
    await loadOnce(session, STATIC_PAGE, condition);
  }
  for (let round = 0; round < LOADS; round++) {
    // ABBA order, so neither page always goes first after the other.
    const order = round % 2 === 0 ? ["popup", "static"] : ["static", "popup"];
    for (const which of order) {
      if (which === "popup") popup.push(await loadOnce(session, "popup.html", condition));
      else staticPage.push(await loadOnce(session, STATIC_PAGE, condition));
    }
  }

  const popupReady = popup.map((load) => load.readyAt);
  const staticReady = staticPage.map((load) => load.readyAt);
  const popupMedians = medianTiming(popup);
  const staticMedians = medianTiming(staticPage);
  return atMost(
    {
      name: "popup open-to-interactive / static page",
      value: median(popupReady) / median(staticReady),
      unit: "ratio",
      budget: OPEN_TO_INTERACTIVE_BUDGET,
    },
    [
      `popup.html:  ${describeSamples(popupReady)}`,
      `${STATIC_PAGE}: ${describeSamples(staticReady)}`,
      `popup medians:  ${describeBreakdown(popupMedians)}`,
      `static medians: ${describeBreakdown(staticMedians)}`,
      `DOM only (not waiting for stylesheets): ${popupMedians.contentAt.toFixed(1)} / ${staticMedians.contentAt.toFixed(1)} ms = ${(popupMedians.contentAt / staticMedians.contentAt).toFixed(2)}x`,
    ],
  );
}

/** Metric 2: how much later than a script-free page the popup can be used. */
export const openToInteractive: BenchMetric = {
  name: "popup open-to-interactive",
  run: measureOpenToInteractive,
};
