import { describe, expect, it } from "vitest";
import { findAddress, mayHoldAddressAmongText, readSelection } from "./selection";

describe("findAddress: emails", () => {
  it.each([
    ["an address alone", "anna+mall@example.no", "anna+mall@example.no"],
    ["an address in prose", "Please resend to anna+mall@example.no thanks", "anna+mall@example.no"],
    ["a full stop after it", "Her address is anna@example.no.", "anna@example.no"],
    ["a comma after it", "Was it anna@example.no, or?", "anna@example.no"],
    ["an exclamation mark after it", "Write to anna@example.no!", "anna@example.no"],
    ["a mailto: link", "mailto:anna@example.no", "anna@example.no"],
    ["a mailto: link with a subject", "mailto:anna@example.no?subject=Hello", "anna@example.no"],
    ["angle brackets after a display name", "Anna Hansen <anna@example.no>", "anna@example.no"],
    ["parentheses", "Anna (anna@example.no) called", "anna@example.no"],
    ["straight quotes", `"anna@example.no"`, "anna@example.no"],
    ["single quotes", "'anna@example.no'", "anna@example.no"],
    ["typographic quotes", "“anna@example.no”", "anna@example.no"],
    ["a header line", "From: anna@example.no", "anna@example.no"],
    ["a line break around it", "Member:\nanna@example.no\nThanks", "anna@example.no"],
    ["an internationalised local part", "bjørn@eksempel.no skrev", "bjørn@eksempel.no"],
    ["an apostrophe inside the local part", "o'brien@example.ie", "o'brien@example.ie"],
    ["a slash inside the local part", "team/support@example.no", "team/support@example.no"],
    ["upper case, kept as written", "ANNA@Example.NO", "ANNA@Example.NO"],
    ["a subdomain", "kari@mail.example.co.uk.", "kari@mail.example.co.uk"],
  ])("finds %s", (_name, text, expected) => {
    expect(findAddress(text, "NO")).toEqual({ channel: "email", recipient: expected });
  });

  it("takes the first of several addresses", () => {
    expect(findAddress("cc ola@example.no, kari@example.com", "NO")?.recipient).toBe("ola@example.no");
  });

  it("skips what only looks like an address and takes the next valid one", () => {
    expect(findAddress("user@localhost or kari@example.com", "NO")?.recipient).toBe("kari@example.com");
  });

  it("prefers an email to a phone number written before it", () => {
    expect(findAddress("+47 407 69 126 / kari@example.com", "NO")).toEqual({
      channel: "email",
      recipient: "kari@example.com",
    });
  });
});

describe("findAddress: phone numbers", () => {
  it.each([
    ["an international number with spaces", "+47 407 69 126", "NO"],
    ["00 as the international prefix", "0047 40769126", "NO"],
    ["a national number for a Norwegian club", "407 69 126", "NO"],
    ["a number in prose", "Call her on 407 69 126 after lunch.", "NO"],
    ["hyphens and parentheses", "(+47) 407-69-126", "NO"],
    ["a number followed by a landline", "+47 407 69 126 22 33 44 55", "NO"],
    ["a country code from another club's country", "+47 40769126", "SE"],
    ["a tel: link", "tel:+4740769126", ""],
  ])("finds %s", (_name, text, country) => {
    expect(findAddress(text, country)).toEqual({
      channel: "msisdn",
      recipient: "4740769126",
    });
  });

  it("reads a number without a country code with the club's country", () => {
    expect(findAddress("070-123 45 67", "SE")?.recipient).toBe("46701234567");
    expect(findAddress("20 12 34 56", "DK")?.recipient).toBe("4520123456");
  });

  it("skips a landline and takes the mobile number after it", () => {
    expect(findAddress("office 22 33 44 55, mobile 407 69 126", "NO")?.recipient).toBe("4740769126");
  });
});

describe("findAddress: nothing to send to", () => {
  it.each([
    ["empty text", ""],
    ["prose", "The member never got the message"],
    ["an address without a domain", "anna@"],
    ["a host without a dot", "anna@localhost"],
    ["a landline", "22 33 44 55"],
    ["a date", "27.11.2026"],
    ["a short case number", "Case 12345"],
    ["a national number without a club country", "407 69 126"],
  ])("finds nothing in %s", (_name, text) => {
    expect(findAddress(text, "")).toBeNull();
  });

  it("finds nothing in a landline for the club's country", () => {
    expect(findAddress("22 33 44 55", "NO")).toBeNull();
  });
});

describe("readSelection: sends at once only for a lone address", () => {
  const email = (recipient: string) => ({ channel: "email", recipient });
  const sms = (recipient: string) => ({ channel: "msisdn", recipient });

  it.each([
    ["an address alone", "anna+mall@example.no", email("anna+mall@example.no")],
    ["surrounding whitespace and a line break", "  anna@example.no\n", email("anna@example.no")],
    ["straight quotes", `"anna@example.no"`, email("anna@example.no")],
    ["typographic quotes", "“anna@example.no”", email("anna@example.no")],
    ["angle brackets", "<anna@example.no>", email("anna@example.no")],
    ["a full stop after it", "anna@example.no.", email("anna@example.no")],
    ["a mailto: link", "mailto:anna@example.no", email("anna@example.no")],
    ["a MAILTO: link in angle brackets", "<MAILTO:anna@example.no>", email("anna@example.no")],
    ["a number alone", "+47 407 69 126", sms("4740769126")],
    ["a national number with the club's country", "407 69 126", sms("4740769126")],
    ["a number in parentheses and hyphens", "(+47) 407-69-126", sms("4740769126")],
    ["a tel: link", "tel:+4740769126", sms("4740769126")],
    ["a quoted number with a comma after it", "'99887766',", sms("4799887766")],
  ])("exact: %s", (_name, text, address) => {
    expect(readSelection(text, "NO")).toEqual({ kind: "exact", address });
  });

  it.each([
    ["a case number among words", "order 12345678, case 99887766", sms("4799887766")],
    ["an address in prose", "Please resend to anna@example.no thanks", email("anna@example.no")],
    ["a display name", "Anna Hansen <anna@example.no>", email("anna@example.no")],
    ["two addresses", "ola@example.no, kari@example.com", email("ola@example.no")],
    ["a header line", "From: anna@example.no", email("anna@example.no")],
    ["a mailto: link with a subject", "mailto:anna@example.no?subject=Hi", email("anna@example.no")],
    ["two numbers", "+47 407 69 126 / 22 33 44 55", sms("4740769126")],
    ["a label before a number", "Mobile: 407 69 126", sms("4740769126")],
  ])("among other text, to be confirmed: %s", (_name, text, address) => {
    expect(readSelection(text, "NO")).toEqual({ kind: "among-other-text", address });
  });

  it.each([
    ["prose", "The member never got the message"],
    ["a zero-width space inside an address", "an\u200bna@example.no"],
    ["a right-to-left override inside an address", "anna\u202e@example.no"],
    ["a look-alike @", "anna\uff20example.no"],
    ["a landline", "22 33 44 55"],
    ["only punctuation", " “”<>. "],
  ])("none: %s", (_name, text) => {
    expect(readSelection(text, "NO")).toEqual({ kind: "none" });
  });
});

describe("mayHoldAddressAmongText: may the menu open the side panel before it knows the country?", () => {
  it.each([
    ["an address in prose", "Please resend to anna@example.no thanks", true],
    ["a display name", "Anna <anna@example.no>", true],
    ["a labelled number", "Mobile: 407 69 126", true],
    ["a case number among words", "order 12345678, case 99887766", true],
    // Lone addresses are sent at once, and digits alone need the country to be read.
    ["a lone email", ' "anna@example.no". ', false],
    ["a lone mailto: link", "mailto:anna@example.no", false],
    ["digits alone", "407 69 126", false],
    ["two numbers, digits only", "12345678 99887766", false],
    ["words without an address", "The member never got the message", false],
    ["a short number among words", "room 12", false],
  ])("%s: %s", (_name, text, expected) => {
    expect(mayHoldAddressAmongText(text)).toBe(expected);
  });
});
