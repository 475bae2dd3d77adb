import { describe, expect, it } from "vitest";
import { buildPrefillQuery, readPrefill } from "./prefill";

describe("readPrefill", () => {
  it.each([
    [
      "an email",
      buildPrefillQuery("email", "anna+mall@example.no"),
      { channel: "email", value: "anna+mall@example.no" },
    ],
    ["a number", buildPrefillQuery("msisdn", "4740769126"), { channel: "msisdn", value: "+4740769126" }],
    [
      "a leading ?",
      `?${buildPrefillQuery("email", "anna@example.no")}`,
      { channel: "email", value: "anna@example.no" },
    ],
  ])("reads %s back", (_name, search, prefill) => {
    expect(readPrefill(search)).toEqual(prefill);
  });

  it.each([
    ["no query", ""],
    ["an unknown channel", "channel=fax&recipient=anna%40example.no"],
    ["no channel", "recipient=anna%40example.no"],
    ["an invalid email", "channel=email&recipient=not-an-address"],
    [
      "an email with a right-to-left override",
      `channel=email&recipient=${encodeURIComponent("anna\u202e@example.no")}`,
    ],
    ["a number with a +", "channel=msisdn&recipient=%2B4740769126"],
    ["a number with letters", "channel=msisdn&recipient=47407abc26"],
    ["a number too short", "channel=msisdn&recipient=4712"],
    ["markup", `channel=email&recipient=${encodeURIComponent("<img src=x>@example.no")}`],
  ])("ignores %s", (_name, search) => {
    expect(readPrefill(search)).toBeNull();
  });
});
