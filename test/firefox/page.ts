import type { ElementHandle, Page } from "puppeteer-core";

// Elements are found the way a person finds them, by their visible name: a label (taken to its
// form control), a button's text or an aria-label, matched exactly. Not puppeteer's ::-p-aria or
// Locator over BiDi in Firefox 153: after a moz-extension page navigated itself the first
// ::-p-aria wait never matched (puppeteer does not see that navigation), a name query returned the
// <label> instead of its field, a password field has no textbox role, and Locator.fill() never
// resolved. A function waited for in the page has none of these problems.

/** The element a person would call `name` (its label, text or aria-label), once it is there. */
export async function byName(page: Page, name: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const candidates = document.querySelectorAll("label, button, a, h1, h2, [aria-label]");
      for (const element of candidates) {
        const text = element.getAttribute("aria-label") ?? element.textContent?.trim();
        if (text !== wanted) continue;
        return element instanceof HTMLLabelElement ? element.control : element;
      }
      return null;
    },
    {},
    name,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`Nothing named "${name}" on the page.`);
  return element as ElementHandle<Element>;
}

/** Replaces a field's value by typing, as a person would (input events and all). */
export async function fillField(page: Page, name: string, value: string): Promise<void> {
  const field = await byName(page, name);
  await field.focus();
  await field.evaluate((element) => {
    if (element instanceof HTMLInputElement) element.select();
  });
  await page.keyboard.type(value);
}

/**
 * The page's status region (role=status) text, once it contains `expected`. On a timeout it says
 * what the page showed instead, status and alerts.
 */
export async function statusContaining(page: Page, expected: string): Promise<string> {
  try {
    const handle = await page.waitForFunction(
      (text) => {
        const region = document.querySelector('[role="status"]');
        return region?.textContent?.includes(text) ? region.textContent : false;
      },
      {},
      expected,
    );
    return String(await handle.jsonValue());
  } catch (error) {
    const status = await page.$eval('[role="status"]', (node) => node.textContent).catch(() => null);
    const alerts = await alertsOf(page).catch(() => []);
    throw new Error(
      `The status never said "${expected}". Status: ${JSON.stringify(status)}; alerts: ${JSON.stringify(alerts)}.`,
      { cause: error },
    );
  }
}

/** The text of every alert on the page (role=alert). */
export function alertsOf(page: Page): Promise<string[]> {
  return page.$$eval('[role="alert"]', (nodes) => nodes.map((node) => node.textContent ?? ""));
}
