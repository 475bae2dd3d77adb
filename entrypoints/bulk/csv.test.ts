import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { BulkItem, BulkRun } from "@/utils/bulk-run";
import { emptyCounts } from "@/utils/bulk-run";
import { BULK_CSV_COLUMNS, buildBulkCsv, bulkCsvFileName } from "./csv";

const AT = new Date(2026, 10, 27, 15, 0, 0).getTime();

const RUN: BulkRun = {
  id: "run-1",
  connectionId: "c-1",
  connectionLabel: "=Infinity Mall",
  environment: "production",
  club: "infinity-mall",
  host: "api.mpc.placewise.com",
  createdAt: AT,
  updatedAt: AT,
  status: "done",
  concurrency: 2,
  ratePerSecond: 5,
  resumeAt: 0,
  backoffMs: 0,
  total: 3,
  counts: { ...emptyCounts(), sent: 1, failed: 1, unknown: 1 },
};

function item(changes: Partial<BulkItem> & Pick<BulkItem, "index" | "recipient">): BulkItem {
  return { channel: "email", state: "sent", attempts: 1, updatedAt: AT, ...changes };
}

describe("the results CSV", () => {
  it("has a BOM, a header and a row per recipient, formula cells made inert", async () => {
    const items = [
      item({ index: 0, recipient: "-anna@example.no", outcome: "accepted", status: 200 }),
      item({
        index: 1,
        recipient: "nobody@example.no",
        state: "failed",
        outcome: "member-not-found",
        status: 404,
      }),
      item({
        index: 2,
        channel: "msisdn",
        recipient: "4740769126",
        state: "unknown",
        outcome: "timeout",
        status: null,
        attempts: 2,
      }),
    ];
    const csv = await buildBulkCsv(RUN, items);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...BULK_CSV_COLUMNS]);
    expect(rows.slice(1)).toEqual([
      [
        "1",
        "'-anna@example.no",
        "Email",
        "sent",
        "accepted",
        "200",
        "1",
        new Date(AT).toISOString(),
        "'=Infinity Mall",
        "production",
        "infinity-mall",
      ],
      [
        "2",
        "nobody@example.no",
        "Email",
        "failed",
        "member-not-found",
        "404",
        "1",
        new Date(AT).toISOString(),
        "'=Infinity Mall",
        "production",
        "infinity-mall",
      ],
      [
        "3",
        "4740769126",
        "SMS",
        "unknown",
        "timeout",
        "",
        "2",
        new Date(AT).toISOString(),
        "'=Infinity Mall",
        "production",
        "infinity-mall",
      ],
    ]);
  });

  it("names the file after the club and the run's date", () => {
    expect(bulkCsvFileName(RUN)).toBe("bulk-infinity-mall-2026-11-27.csv");
  });
});
