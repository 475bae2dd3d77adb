import { describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { type BulkRun, emptyCounts } from "@/utils/bulk-run";
import { t } from "@/utils/i18n";
import { OUTCOME_KINDS, OUTCOME_TRAITS } from "@/utils/outcome-traits";
import type { SendOutcomeKind } from "@/utils/send-outcome";
import { formatCatalogMessage, loadCatalog } from "../../test/support/catalog";
import { bulkFormats, runWording, stopReasonWords } from "./wording";

const NOW = 1_000_000;

function run(changes: Partial<BulkRun>): BulkRun {
  return {
    id: "run-1",
    connectionId: "c",
    connectionLabel: "Infinity Mall",
    environment: "staging",
    club: "infinity-mall",
    host: "api.example.test",
    createdAt: NOW,
    updatedAt: NOW,
    status: "running",
    concurrency: 2,
    ratePerSecond: 5,
    resumeAt: 0,
    backoffMs: 0,
    total: 10,
    counts: { ...emptyCounts(), queued: 10 },
    ...changes,
  };
}

const kindsWhere = (test: (kind: SendOutcomeKind) => boolean) => OUTCOME_KINDS.filter(test);

// The kinds come from the outcome table, so a kind that starts to stop or hold a run is checked here
// without anyone listing it.
describe("the run's reasons follow the outcome table", () => {
  it.each(kindsWhere((kind) => OUTCOME_TRAITS[kind].bulk === "stop-run" || kind === "rate-limited"))(
    "words a stop for %s in its own words, not the general ones",
    (kind) => {
      expect(stopReasonWords(run({ stopReason: kind })).reason).not.toBe(t("bulk_stop_other"));
    },
  );

  it.each(kindsWhere((kind) => OUTCOME_TRAITS[kind].bulk === "try-later"))(
    "words a wait for %s in its own words, not the general ones",
    (kind) => {
      const wording = runWording(run({ waitReason: kind, resumeAt: NOW + 5_000 }), NOW, bulkFormats());
      expect(wording.summary).not.toBe(t("bulk_status_waitOther"));
      expect(wording.summary).not.toBe(t("bulk_status_running"));
    },
  );

  it.each(kindsWhere((kind) => OUTCOME_TRAITS[kind].effect === "unknown"))(
    "says the run checks that Placewise answers after %s, before the wait is over and after",
    (kind) => {
      const checking = t("bulk_status_waitChecking", "api.example.test");
      expect(runWording(run({ waitReason: kind, resumeAt: NOW + 5_000 }), NOW, bulkFormats()).summary).toBe(
        checking,
      );
      expect(runWording(run({ waitReason: kind, resumeAt: 0 }), NOW, bulkFormats()).summary).toBe(checking);
    },
  );

  it("says nothing of a wait that is over", () => {
    expect(
      runWording(run({ waitReason: "maintenance", resumeAt: NOW - 1 }), NOW, bulkFormats()).summary,
    ).toBe(t("bulk_status_running"));
  });
});

describe("the page's formats", () => {
  it("follow the catalog's language, not the browser's (nb catalog, en-US browser)", () => {
    const norwegian = loadCatalog("nb");
    fakeBrowser.i18n.getMessage = (key: string, substitutions?: string | string[]) =>
      formatCatalogMessage(norwegian, key, substitutions);
    fakeBrowser.i18n.getUILanguage = () => "en-US";
    const nb = bulkFormats();
    expect(nb.number.format(5000)).toBe("5\u00a0000");
    expect(nb.minutes.format(3)).toBe("3 minutter");
  });
});
