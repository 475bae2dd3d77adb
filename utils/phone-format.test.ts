import { describe, expect, it } from "vitest";
import { formatMsisdn } from "./phone-format";

describe("formatMsisdn", () => {
  // libphonenumber's grouping, the same the popup's field preview shows (utils/validation/phone.ts).
  it.each([
    ["4740769126", "+47 40 76 91 26"],
    ["46701234567", "+46 70 123 45 67"],
    ["4520123456", "+45 20 12 34 56"],
    // Not a number libphonenumber can read: shown as stored, with its "+".
    ["999", "+999"],
  ])("shows %s as %s", (msisdn, shown) => {
    expect(formatMsisdn(msisdn)).toBe(shown);
  });
});
