import type { Page } from "@playwright/test";
import { PopupPage } from "../e2e/pages/popup-page";
import { SANDBOX_BULK_DOMAIN } from "../sandbox";
import { atMost, type BenchMetric, type MetricResult } from "./metric";
import { extensionHeadersOf, waitForArrival } from "./sandbox-arrivals";
import type { BenchSession } from "./session";
import { describeSamples, median } from "./stats";

/** Issue 2, "Performance": a send may reach the API at most 5 ms later than a bare fetch. */
export const SEND_OVERHEAD_BUDGET_MS = 5;

const SAMPLES = 30;
const WARM_UP = 3;
const CLICK_KEY = "__benchClickAt";

/** Records, in the page, when each click is dispatched (the first listener to see it). */
async function recordClicks(page: Page): Promise<void> {
  await page.evaluate((key) => {
    window.addEventListener(
      "click",
      () => {
        (window as unknown as Record<string, number>)[key] = performance.timeOrigin + performance.now();
      },
      { capture: true },
    );
  }, CLICK_KEY);
}

/** Sends through the popup as a person does (type, click Send); returns click-to-arrival in ms. */
async function sendThroughPopup(session: BenchSession, popup: PopupPage, email: string): Promise<number> {
  await popup.emailField.fill(email);
  await popup.page.evaluate((key) => {
    delete (window as unknown as Record<string, number>)[key];
  }, CLICK_KEY);
  await popup.sendButton.click();
  const arrivedAt = await waitForArrival(session.sandbox.state, email);
  // The outcome names the address; after it the button is enabled again for the next send.
  await popup.status.filter({ hasText: email }).waitFor({ timeout: 10_000 });
  const clickedAt = await popup.page.evaluate(
    (key) => (window as unknown as Record<string, number | undefined>)[key],
    CLICK_KEY,
  );
  if (clickedAt === undefined) throw new Error("The click on Send was not seen by the page.");
  return arrivedAt - clickedAt;
}

/** The same POST made by the page itself with fetch; returns fetch-start-to-arrival in ms. */
async function fetchDirectly(
  session: BenchSession,
  page: Page,
  email: string,
  headers: Record<string, string>,
): Promise<number> {
  const club = encodeURIComponent(session.connection.clubSlug);
  const url = `${session.sandbox.url}/v3/${club}/members/by_email/${encodeURIComponent(email)}/send_registration_password`;
  const startedAt = await page.evaluate(
    async ({ url, headers }) => {
      const startedAt = performance.timeOrigin + performance.now();
      const response = await fetch(url, { method: "POST", headers, body: "{}" });
      await response.text();
      if (!response.ok) throw new Error(`The direct fetch was answered ${response.status}`);
      return startedAt;
    },
    { url, headers },
  );
  return (await waitForArrival(session.sandbox.state, email)) - startedAt;
}

/**
 * Send overhead: click on Send to arrival at the sandbox, minus a direct fetch from the same page
 * to the same URL with the same headers, alternated. Both ends are on one clock: the sandbox runs
 * in this process and logs `performance.timeOrigin + performance.now()`; the page records the same.
 */
export async function measureSendOverhead(session: BenchSession): Promise<MetricResult> {
  const page = await session.newPage();
  try {
    await page.goto(session.pageUrl("popup.html"));
    const popup = new PopupPage(page);
    await popup.emailField.waitFor();
    await recordClicks(page);
    const address = (kind: string, index: number) => `bench-${kind}-${index}@${SANDBOX_BULK_DOMAIN}`;

    // Warm up the service worker, the connection to the sandbox and both code paths.
    for (let index = 0; index < WARM_UP; index++) {
      await sendThroughPopup(session, popup, address("warm-send", index));
    }
    const sent = session.sandbox.state.requests.find((entry) => entry.route === "send-by-email");
    if (!sent) throw new Error("The warm-up sends left no request in the sandbox log.");
    const headers = extensionHeadersOf(sent);
    for (let index = 0; index < WARM_UP; index++) {
      await fetchDirectly(session, page, address("warm-fetch", index), headers);
    }

    const sends: number[] = [];
    const fetches: number[] = [];
    for (let index = 0; index < SAMPLES; index++) {
      // Alternate which goes first, so drift and any after-effect hit both sides.
      if (index % 2 === 0) {
        sends.push(await sendThroughPopup(session, popup, address("send", index)));
        fetches.push(await fetchDirectly(session, page, address("fetch", index), headers));
      } else {
        fetches.push(await fetchDirectly(session, page, address("fetch", index), headers));
        sends.push(await sendThroughPopup(session, popup, address("send", index)));
      }
    }
    return atMost(
      {
        name: "send overhead (click→sandbox minus fetch)",
        value: median(sends) - median(fetches),
        unit: "ms",
        budget: SEND_OVERHEAD_BUDGET_MS,
      },
      [
        `click on Send → sandbox: ${describeSamples(sends)}`,
        `direct fetch → sandbox:  ${describeSamples(fetches)}`,
      ],
    );
  } finally {
    await page.close();
  }
}

/** Metric 3: what the popup → background → fetch path adds to a send. */
export const sendOverhead: BenchMetric = {
  name: "send overhead",
  run: measureSendOverhead,
};
