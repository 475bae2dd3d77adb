import { batch, computed, type ReadonlySignal, signal } from "@preact/signals";
import type { SendLogEntry } from "@/utils/send-log";
import type { SendOutcomeKind } from "@/utils/send-outcome";
import { filterEntries, NO_FILTERS, type SendLogFilters, searchTextOf } from "./filter";

/** Rows per page: 100 rows render in a few ms, so 5,000 entries open at once (npm run bench). */
export const PAGE_SIZE = 100;

/**
 * What the operator looks at: the filters, the page, and the lists computed from the entries
 * (the filtered entries, this page's rows, the clubs and outcomes the filters offer).
 */
export function createLogView(entries: ReadonlySignal<SendLogEntry[]>) {
  const filters = signal<SendLogFilters>(NO_FILTERS);
  const page = signal(0);

  const texts = computed(() => entries.value.map(searchTextOf));
  const filtered = computed(() => filterEntries(entries.value, filters.value, texts.value));
  const pageCount = computed(() => Math.max(1, Math.ceil(filtered.value.length / PAGE_SIZE)));
  // A live update or a clear can shrink the list under the page the operator is on.
  const currentPage = computed(() => Math.min(page.value, pageCount.value - 1));
  const pageEntries = computed(() =>
    filtered.value.slice(currentPage.value * PAGE_SIZE, (currentPage.value + 1) * PAGE_SIZE),
  );
  const clubs = computed(() => [...new Set(entries.value.map((e) => e.club))].sort());
  const outcomeKinds = computed(() => [...new Set<SendOutcomeKind>(entries.value.map((e) => e.outcome))]);

  /** Changes one filter; the table goes back to its first page. */
  function setFilter<K extends keyof SendLogFilters>(key: K, value: SendLogFilters[K]): void {
    batch(() => {
      filters.value = { ...filters.value, [key]: value };
      page.value = 0;
    });
  }

  function resetFilters(): void {
    batch(() => {
      filters.value = NO_FILTERS;
      page.value = 0;
    });
  }

  function goToPage(index: number): void {
    page.value = Math.max(0, Math.min(index, pageCount.value - 1));
  }

  return {
    filters,
    filtered,
    pageEntries,
    currentPage,
    pageCount,
    clubs,
    outcomeKinds,
    setFilter,
    resetFilters,
    goToPage,
  };
}
