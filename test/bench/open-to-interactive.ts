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

/** The pages measured against the static page, in one run so they share its conditions. */
const MEASURED = { popup: "popup.html", sidepanel: "sidepanel.html" } as const;
type Measured = keyof typeof MEASURED;

/** Every page's loads from one interleaved run. */
type Loads = Record<Measured | "static", LoadTiming[]>;

// One run per session feeds both rows (popup and side panel), so they are side by side.
const runs = new WeakMap<BenchSession, Promise<Loads>>();

async function measureAll(session: BenchSession): Promise<Loads> {
  const condition: ReadyCondition = { fieldLabel: "Member email", shownText: session.connection.clubSlug };
  writeStaticPage(session.extensionDir, await renderedPopupMarkup(session, condition));
  const loads: Loads = { popup: [], sidepanel: [], static: [] };
  const pathOf = (which: keyof Loads) => (which === "static" ? STATIC_PAGE : MEASURED[which]);
  const order: Array<keyof Loads> = ["popup", "sidepanel", "static"];
  for (let round = 0; round < WARM_UP_LOADS; round++) {
    for (const which of order) await loadOnce(session, pathOf(which), condition);
  }
  for (let round = 0; round < LOADS; round++) {
    // Rotated each round, so no page always goes first or always follows the same one.
    const turn = [...order.slice(round % 3), ...order.slice(0, round % 3)];
    if (round % 2 === 1) turn.reverse();
    for (const which of turn) loads[which].push(await loadOnce(session, pathOf(which), condition));
  }
  return loads;
}

function measuredOnce(session: BenchSession): Promise<Loads> {
  let run = runs.get(session);
  if (run === undefined) {
    run = measureAll(session);
    runs.set(session, run);
  }
  return run;
}

/**
 * Open-to-interactive of the popup or the side panel: navigation start until "Member email" is
 * usable and the club is shown, as a ratio to a script-free page in the same extension, loaded
 * in turn with both in fresh tabs. The side panel is the popup's form (issue 10, §4: as fast).
 */
async function measureOpenToInteractive(session: BenchSession, which: Measured): Promise<MetricResult> {
  const loads = await measuredOnce(session);
  const ready = (page: keyof Loads) => loads[page].map((load) => load.readyAt);
  const pageMedians = medianTiming(loads[which]);
  const staticMedians = medianTiming(loads.static);
  const otherSide = which === "popup" ? "sidepanel" : "popup";
  return atMost(
    {
      name: `${which === "popup" ? "popup" : "side panel"} open-to-interactive / static page`,
      value: median(ready(which)) / median(ready("static")),
      unit: "ratio",
      budget: OPEN_TO_INTERACTIVE_BUDGET,
    },
    [
      `${MEASURED[which]}:  ${describeSamples(ready(which))}`,
      `${STATIC_PAGE}: ${describeSamples(ready("static"))}`,
      `${which} medians:  ${describeBreakdown(pageMedians)}`,
      `static medians: ${describeBreakdown(staticMedians)}`,
      `DOM only (not waiting for stylesheets): ${pageMedians.contentAt.toFixed(1)} / ${staticMedians.contentAt.toFixed(1)} ms = ${(pageMedians.contentAt / staticMedians.contentAt).toFixed(2)}x`,
      `${MEASURED[which]} / ${MEASURED[otherSide]} (same run): ${(median(ready(which)) / median(ready(otherSide))).toFixed(2)}x`,
    ],
  );
}

/** Metric 2: how much later than a script-free page the popup can be used. */
export const openToInteractive: BenchMetric = {
  name: "popup open-to-interactive",
  run: (session) => measureOpenToInteractive(session, "popup"),
};

/** The same for the side panel, from the same run. */
export const sidePanelOpenToInteractive: BenchMetric = {
  name: "side panel open-to-interactive",
  run: (session) => measureOpenToInteractive(session, "sidepanel"),
};
