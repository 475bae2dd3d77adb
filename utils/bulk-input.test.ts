import { describe, expect, it, vi } from "vitest";
import { type BulkInputOptions, describeRowProblem, parseBulkInput } from "./bulk-input";
import { checkPhone } from "./validation/phone";

const EMAIL_FIRST: BulkInputOptions = { preferred: "email", country: "NO" };
const SMS_FIRST: BulkInputOptions = { preferred: "msisdn", country: "NO" };

/** The recipients' values only, in order. */
async function recipientsOf(text: string, options: BulkInputOptions = EMAIL_FIRST): Promise<string[]> {
  return (await parseBulkInput(text, options)).recipients.map((r) => r.recipient);
}

describe("parseBulkInput: layouts a person exports or pastes", () => {
  it.each([
    ["one column", "anna@example.no\nola@example.no\nkari@example.com"],
    ["one column with a header", "Email\nanna@example.no\nola@example.no\nkari@example.com"],
    [
      "several columns with a header, semicolons",
      "Name;Email;Phone\nAnna;anna@example.no;\nOla;ola@example.no;\nKari;kari@example.com;",
    ],
    [
      "several columns with a header, commas",
      "name,email,club\nAnna,anna@example.no,infinity-mall\nOla,ola@example.no,infinity-mall\nKari,kari@example.com,x",
    ],
    [
      "tabs (pasted from a spreadsheet)",
      "Name\tE-mail\nAnna\tanna@example.no\nOla\tola@example.no\nKari\tkari@example.com",
    ],
    [
      "quoted fields with the delimiter inside",
      'Name,Email\n"Hansen, Anna",anna@example.no\n"Nordmann, Ola","ola@example.no"\n"Dahl, Kari",kari@example.com',
    ],
    [
      "a byte-order mark (Excel's UTF-8 CSV)",
      "\uFEFFEmail\r\nanna@example.no\r\nola@example.no\r\nkari@example.com",
    ],
    [
      "blank lines and surrounding spaces",
      "\n  anna@example.no  \n\n\nola@example.no\n   \nkari@example.com\n\n",
    ],
    ["CRLF line ends", "anna@example.no\r\nola@example.no\r\nkari@example.com\r\n"],
    [
      "Excel's sep= line",
      "sep=;\r\nName;Email\r\nAnna;anna@example.no\r\nOla;ola@example.no\r\nKari;kari@example.com",
    ],
    [
      "display names and mailto:",
      "Anna Hansen <anna@example.no>\nmailto:ola@example.no\nKari Dahl kari@example.com",
    ],
    [
      "Norwegian headers",
      "Navn;E-postadresse;Mobilnummer\nAnna;anna@example.no;\nOla;ola@example.no;\nKari;kari@example.com;",
    ],
  ])("%s", async (_layout, text) => {
    const input = await parseBulkInput(text, EMAIL_FIRST);
    expect(input.recipients.map((r) => r.recipient)).toEqual([
      "anna@example.no",
      "ola@example.no",
      "kari@example.com",
    ]);
    expect(input.invalid).toEqual([]);
    expect(input.duplicates).toEqual([]);
  });

  it("recognizes a header row and skips it without calling it invalid", async () => {
    const input = await parseBulkInput("\n\nName;Email;Phone\nAnna;anna@example.no;", EMAIL_FIRST);
    expect(input.headerLine).toBe(3);
    expect(input.invalid).toEqual([]);
    expect(input.recipients).toEqual([
      { channel: "email", recipient: "anna@example.no", shown: "anna@example.no", line: 4 },
    ]);
  });

  it("looks only in the columns a header names as addresses", async () => {
    // The member number would read as a Norwegian mobile number if it were searched.
    const text = "Member number;Name;Email\n41234567;Anna;anna@example.no\n98765432;Ola;";
    const input = await parseBulkInput(text, SMS_FIRST);
    expect(input.recipients.map((r) => r.recipient)).toEqual(["anna@example.no"]);
    expect(input.invalid).toEqual([{ line: 3, text: "98765432;Ola;", problem: { kind: "noRecipient" } }]);
  });

  it("treats a line of several addresses (a mail's To: line) as a list", async () => {
    // A name beside the address makes the line one member's record.
    expect(await recipientsOf("Hansen Anna, anna@example.no\nkari@example.com")).toEqual([
      "anna@example.no",
      "kari@example.com",
    ]);
    expect(await recipientsOf("anna@example.no, ola@example.no\nkari@example.com")).toEqual([
      "anna@example.no",
      "ola@example.no",
      "kari@example.com",
    ]);
  });

  it("keeps the line a row starts on when a quoted field spans lines", async () => {
    const input = await parseBulkInput(
      'Note,Email\n"two\nlines",anna@example.no\nx,not-an-address',
      EMAIL_FIRST,
    );
    expect(input.recipients[0]?.line).toBe(2);
    expect(input.invalid[0]?.line).toBe(4);
  });
});

describe("parseBulkInput: phone numbers and channels", () => {
  it.each([
    ["+47 407 69 126", "NO", "4740769126", "+47 40 76 91 26"],
    ["0047 40769126", "NO", "4740769126", "+47 40 76 91 26"],
    ["407 69 126", "NO", "4740769126", "+47 40 76 91 26"],
    ["4740769126", "NO", "4740769126", "+47 40 76 91 26"],
    ["070-123 45 67", "SE", "46701234567", "+46 70 123 45 67"],
    ["46701234567", "NO", "46701234567", "+46 70 123 45 67"],
  ])("reads %j with club country %s as %s", async (written, country, msisdn, shown) => {
    const input = await parseBulkInput(`Phone\n${written}`, { preferred: "msisdn", country });
    expect(input.recipients).toEqual([{ channel: "msisdn", recipient: msisdn, shown, line: 2 }]);
  });

  it("takes a list of mixed emails and numbers, each on its own channel", async () => {
    const input = await parseBulkInput(
      "anna@example.no\n+47 407 69 126\nola@example.no\n46701234567",
      EMAIL_FIRST,
    );
    expect(input.recipients.map((r) => [r.channel, r.recipient])).toEqual([
      ["email", "anna@example.no"],
      ["msisdn", "4740769126"],
      ["email", "ola@example.no"],
      ["msisdn", "46701234567"],
    ]);
  });

  it.each([
    ["email", "email", "kari@example.com"],
    ["msisdn", "msisdn", "4740769126"],
  ] as const)("prefers %s for a row with both (picked: %s)", async (preferred, channel, recipient) => {
    const input = await parseBulkInput("Name;Email;Mobile\nKari;kari@example.com;+47 407 69 126", {
      preferred,
      country: "NO",
    });
    expect(input.recipients).toMatchObject([{ channel, recipient }]);
  });

  it("falls back to the other channel when the preferred one is missing or invalid in a row", async () => {
    const text = "Email;Mobile\nkari@example.com;22 33 44 55\nnot-an-address;+47 407 69 126";
    expect(await recipientsOf(text, SMS_FIRST)).toEqual(["kari@example.com", "4740769126"]);
  });

  it("refuses a channel the club does not identify members by", async () => {
    const input = await parseBulkInput("anna@example.no\n+47 407 69 126", {
      preferred: "msisdn",
      country: "NO",
      allowed: ["msisdn"],
    });
    expect(input.recipients.map((r) => r.recipient)).toEqual(["4740769126"]);
    expect(input.invalid).toEqual([
      { line: 1, text: "anna@example.no", problem: { kind: "channelNotUsed", channel: "email" } },
    ]);
  });

  it("loads the phone library only when a row holds something like a number", async () => {
    const loadPhoneChecker = vi.fn(async () => checkPhone);
    await parseBulkInput("Name;Email\nAnna;anna@example.no\nOla 2;ola@example.no", {
      ...EMAIL_FIRST,
      loadPhoneChecker,
    });
    expect(loadPhoneChecker).not.toHaveBeenCalled();
    await parseBulkInput("anna@example.no\n40769126", { ...EMAIL_FIRST, loadPhoneChecker });
    expect(loadPhoneChecker).toHaveBeenCalledTimes(1);
  });
});

describe("parseBulkInput: duplicates", () => {
  it.each([
    ["the same email in another case", "anna@example.no\nANNA@Example.NO\nAnna@example.no", 1, 2],
    ["the same number written three ways", "+47 407 69 126\n0047 40769126\n407 69 126", 1, 2],
    [
      "the same member in two rows of a CSV",
      "Name;Email\nAnna;anna@example.no\nAnna H.;anna@EXAMPLE.no",
      1,
      1,
    ],
    ["distinct recipients", "anna@example.no\nanna+2@example.no", 2, 0],
  ])("drops %s", async (_case, text, kept, dropped) => {
    const input = await parseBulkInput(text, EMAIL_FIRST);
    expect(input.recipients).toHaveLength(kept);
    expect(input.duplicates).toHaveLength(dropped);
  });

  it("says which rows were dropped, as written, and which line each repeats", async () => {
    const input = await parseBulkInput(
      "x@example.no\nAnna@Example.no\nanna@example.no\n+47 407 69 126\n407 69 126",
      EMAIL_FIRST,
    );
    expect(input.duplicates).toEqual([
      { shown: "anna@example.no", line: 3, firstLine: 2 },
      { shown: "+47 40 76 91 26", line: 5, firstLine: 4 },
    ]);
  });

  it("keeps the first spelling and line of a duplicated address", async () => {
    const input = await parseBulkInput("x@example.no\nAnna@Example.no\nanna@example.no", EMAIL_FIRST);
    expect(input.recipients[1]).toEqual({
      channel: "email",
      recipient: "Anna@Example.no",
      shown: "Anna@Example.no",
      line: 2,
    });
  });
});

describe("parseBulkInput: invalid rows, with their line and the reason", () => {
  it("lists each invalid row with its line number, its text and why", async () => {
    const text = [
      "Name;Email;Phone", // 1: header
      "Anna;anna@example.no;", // 2
      "Bad;anna@;", // 3: no domain
      "", // 4
      "Nobody;;", // 5: nothing to send to
      "Spaces;ola @example.no;", // 6
      "Landline;;22 33 44 55", // 7: not a mobile number
      "Kari;kari@example.com;+47 407 69 126", // 8
    ].join("\r\n");
    const input = await parseBulkInput(text, EMAIL_FIRST);
    expect(input.recipients.map((r) => r.line)).toEqual([2, 8]);
    expect(input.invalid).toEqual([
      { line: 3, text: "Bad;anna@;", problem: { kind: "email", problem: "badDomain" } },
      { line: 5, text: "Nobody;;", problem: { kind: "noRecipient" } },
      { line: 6, text: "Spaces;ola @example.no;", problem: { kind: "email", problem: "spaces" } },
      { line: 7, text: "Landline;;22 33 44 55", problem: { kind: "phone", problem: "notMobile" } },
    ]);
  });

  it.each([
    ["not-an-address", { kind: "email", problem: "noAt" }, "An email address needs an @"],
    ["hello world", { kind: "noRecipient" }, "No email address or mobile number"],
    ["anna@example", { kind: "email", problem: "badDomain" }, "The part after the @ must be a domain"],
    ["+47 123 45", { kind: "phone", problem: "notMobile" }, "This is not a valid mobile number"],
  ])("words %j for the operator", async (text, problem, words) => {
    const input = await parseBulkInput(`anna@example.no\n${text}`, EMAIL_FIRST);
    expect(input.invalid).toEqual([{ line: 2, text, problem }]);
    expect(describeRowProblem(input.invalid[0]!.problem)).toContain(words);
  });

  it("words a channel the club does not use", () => {
    expect(describeRowProblem({ kind: "channelNotUsed", channel: "email" })).toMatch(/mobile number/u);
    expect(describeRowProblem({ kind: "channelNotUsed", channel: "msisdn" })).toMatch(/email/u);
  });

  it("reports a first line that is neither a header nor an address", async () => {
    const input = await parseBulkInput("not-an-address\nanna@example.no", EMAIL_FIRST);
    expect(input.headerLine).toBeNull();
    expect(input.invalid.map((row) => row.line)).toEqual([1]);
  });

  it("finds nothing in an empty text", async () => {
    expect(await parseBulkInput(" \n\r\n", EMAIL_FIRST)).toEqual({
      recipients: [],
      duplicates: [],
      invalid: [],
      headerLine: null,
    });
  });
});
