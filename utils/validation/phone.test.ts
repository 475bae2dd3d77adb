import { describe, expect, it } from "vitest";
import { checkPhone, isValidMsisdn } from "./phone";

describe("checkPhone", () => {
  it.each([
    ["+47 407 69 126", "NO", "4740769126", "+47 40 76 91 26"],
    ["0047 40769126", "NO", "4740769126", "+47 40 76 91 26"],
    ["0047 40769126", "SE", "4740769126", "+47 40 76 91 26"],
    ["407 69 126", "NO", "4740769126", "+47 40 76 91 26"],
    ["  +4740769126 ", "", "4740769126", "+47 40 76 91 26"],
    ["070-123 45 67", "SE", "46701234567", "+46 70 123 45 67"],
    ["+45 20 12 34 56", "NO", "4520123456", "+45 20 12 34 56"],
    ["(+47) 407.69.126", "NO", "4740769126", "+47 40 76 91 26"],
  ])("reads %j (club country %s) as %s", (input, country, msisdn, international) => {
    expect(checkPhone(input, country)).toEqual({ ok: true, msisdn, international });
  });

  it.each([
    ["", "NO", "empty"],
    ["   ", "NO", "empty"],
    ["+47 407 69 12a", "NO", "characters"],
    ["anna@example.no", "NO", "characters"],
    ["22 33 44 55", "NO", "notMobile"], // an Oslo landline
    ["407 69 126", "", "notMobile"], // no country code and no club country
    ["+47 123", "NO", "notMobile"],
    ["+47 407 69 126 999", "NO", "notMobile"],
    // Refused rather than stripped: a bidi control shows the digits in another order than the one
    // sent, so stripping it would send to a number the operator never saw.
    ["\u202e621 96 704", "NO", "invisible"],
    ["+47 407\u200b69 126", "NO", "invisible"],
    ["+47 407\ufeff69 126", "NO", "invisible"],
    ["+47 407 69\u00ad126", "NO", "invisible"],
    ["\u2066+47 407 69 126\u2069", "NO", "invisible"],
    ["+47 407 69 126\u0000", "NO", "invisible"],
  ])("refuses %j (club country %j): %s", (input, country, problem) => {
    expect(checkPhone(input, country)).toEqual({ ok: false, problem });
  });
});

describe("isValidMsisdn", () => {
  it.each([
    ["4740769126", true],
    ["46701234567", true],
    ["+4740769126", false],
    ["004740769126", false],
    ["4722334455", false],
    ["47 40769126", false],
    ["", false],
  ])("%j -> %s", (msisdn, valid) => {
    expect(isValidMsisdn(msisdn)).toBe(valid);
  });
});
