import type { Page } from "@playwright/test";

/**
 * When a page counts as interactive: a labelled field one can type in is visible, a text is in
 * view, and every stylesheet has loaded (they block rendering: before that nothing is on screen).
 */
export interface ReadyCondition {
  /** The visible label of the field, e.g. "Member email". */
  fieldLabel: string;
  /** A text that must be on screen in an element of its own, e.g. the club slug. */
  shownText: string;
}

/** One load's timings, in ms since navigation start (the page's `performance.now()`). */
export interface LoadTiming {
  /** The first moment the whole condition held, stylesheets included: the page could be painted. */
  readyAt: number;
  /** The first moment the field and text were in the DOM, whether or not styled and laid out yet. */
  contentAt: number;
  /** The HTML was parsed. */
  domInteractive: number;
  /** Deferred and module scripts had run. */
  domContentLoadedEnd: number;
}

const READY_KEY = "__benchReady";

/**
 * An init script that records `performance.now()` the first time the condition holds, checked on
 * every DOM mutation, every resource load and every animation frame from the moment the document
 * exists. The same script runs on every page compared, so its own cost is on both sides. It is a
 * string, not a function: tsx compiles functions with `__name(...)` helpers that do not exist inside the page.
 */
export function readyProbeScript(condition: ReadyCondition): string {
  return `(() => {
  const condition = ${JSON.stringify(condition)};
  let resolveReady;
  let contentAt;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  Object.defineProperty(window, ${JSON.stringify(READY_KEY)}, { value: ready });
  let done = false;
  const visible = (element) =>
    element.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
    element.getClientRects().length > 0;
  // Cheap tests first: whether the field and the text are in the DOM, then whether every
  // stylesheet has loaded. Only then the visibility test, which makes the browser lay the page
  // out: done earlier, on every mutation of a page still being parsed, it would charge a page
  // layouts (unstyled ones too) that its first paint never needs.
  const check = () => {
    if (done) return;
    const label = Array.from(document.querySelectorAll("label")).find(
      (candidate) => candidate.textContent.trim() === condition.fieldLabel,
    );
    const field = label ? label.control : null;
    if (!field || field.disabled || field.readOnly) return;
    const holders = Array.from(document.querySelectorAll("body *")).filter(
      (element) =>
        // The innermost element holding the text; a <wbr> (a line-break hint) is not a holder.
        Array.from(element.children).every((child) => child.tagName === "WBR") &&
        element.textContent.trim() === condition.shownText,
    );
    if (holders.length === 0) return;
    if (contentAt === undefined) contentAt = performance.now();
    // Render-blocking: nothing is painted before every stylesheet has loaded.
    const styled = Array.from(document.querySelectorAll('link[rel~="stylesheet"]')).every((link) => link.sheet);
    if (!styled) return;
    if (!visible(field) || !holders.some(visible)) return;
    const at = performance.now();
    done = true;
    observer.disconnect();
    resolveReady({ readyAt: at, contentAt });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  // A stylesheet finishing is no mutation; its load event (captured, as it does not bubble) is.
  document.addEventListener("load", check, true);
  const poll = () => {
    check();
    if (!done) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
}

/** Installs the probe; call before the page navigates. */
export async function installReadyProbe(page: Page, condition: ReadyCondition): Promise<void> {
  await page.addInitScript({ content: readyProbeScript(condition) });
}

/** Waits until the probe saw the page ready and returns that load's timings. */
export async function readLoadTiming(page: Page, timeoutMs = 10_000): Promise<LoadTiming> {
  const timing = page.evaluate(async (key) => {
    const ready = await (
      window as unknown as Record<string, Promise<{ readyAt: number; contentAt: number }>>
    )[key];
    const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    return {
      readyAt: ready?.readyAt ?? Number.NaN,
      contentAt: ready?.contentAt ?? Number.NaN,
      domInteractive: navigation?.domInteractive ?? Number.NaN,
      domContentLoadedEnd: navigation?.domContentLoadedEventEnd ?? Number.NaN,
    };
  }, READY_KEY);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${page.url()} was not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([timing, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
