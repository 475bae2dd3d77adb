import type { Channel } from "./channel";
import { type MessageKey, t } from "./i18n";
import { loadPapa } from "./papaparse";
import { recipientKey } from "./send-log";
import { checkEmail, type EmailProblem } from "./validation/email";
import type { PhoneCheck, PhoneProblem } from "./validation/phone";

/** The most recipients one run may hold: storage.local keeps the whole queue (about 150 bytes each). */
export const MAX_BULK_RECIPIENTS = 10_000;

/** One recipient found in the pasted text or file, normalized. */
export interface BulkRecipient {
  channel: Channel;
  /** The email as written (trimmed), or E.164 digits without "+". */
  recipient: string;
  /** What the operator recognizes: the email, or the number in international form. */
  shown: string;
  /** The line of the text it came from, from 1. */
  line: number;
}

/** A recipient dropped as a duplicate: what the operator reads, where, and the line it repeats. */
export interface DuplicateBulkRow {
  /** As in the row (the email as written, the number in international form). */
  shown: string;
  line: number;
  /** The line of the recipient that is kept. */
  firstLine: number;
}

/** Why a row yields no recipient. */
export type BulkRowProblem =
  | { kind: "noRecipient" }
  | { kind: "email"; problem: EmailProblem }
  | { kind: "phone"; problem: PhoneProblem }
  /** The row has only a channel the club does not identify members by. */
  | { kind: "channelNotUsed"; channel: Channel };

/** A row that yields no recipient: where it is, what it says, and why. */
export interface InvalidBulkRow {
  line: number;
  text: string;
  problem: BulkRowProblem;
}

/** What a pasted list or CSV file holds. */
export interface BulkInput {
  /** Valid recipients, de-duplicated, in the order they appear. */
  recipients: BulkRecipient[];
  /** Rows dropped because an earlier row names the same recipient (emails ignoring case), in order. */
  duplicates: DuplicateBulkRow[];
  invalid: InvalidBulkRow[];
  /** The line of the header row that was recognized and skipped, or null. */
  headerLine: number | null;
}

/** Reads a phone number (utils/validation/phone.ts `checkPhone`). */
export type PhoneChecker = (input: string, defaultCountry: string) => PhoneCheck;

/** How to read the list. */
export interface BulkInputOptions {
  /** "Send by": the channel used for a row that holds both an email and a mobile number. */
  preferred: Channel;
  /** The club's country (ISO 3166-1 alpha-2) for numbers written without a country code; "" if unknown. */
  country: string;
  /** The channels the club identifies members by; both when left out. */
  allowed?: readonly Channel[];
  /** Loads the phone library; it is heavy, so it loads only when a row holds something like a number. */
  loadPhoneChecker?: () => Promise<PhoneChecker>;
}

/** One row as the CSV parser found it. */
interface Row {
  line: number;
  text: string;
  cells: string[];
}

/** A column's header says it holds emails, phone numbers, either, or something else (not searched). */
type ColumnRole = "email" | "phone" | "either" | "other";

// Header words of the exports a desk meets: help desks, spreadsheets, Placewise's own, in the
// languages of the clubs (English, Norwegian, Swedish, Danish, Finnish, German, Polish).
const EMAIL_HEADER = /e-?mail|e-?post|sähköposti|courriel|correo|mejl/iu;
const PHONE_HEADER = /phone|mobil|msisdn|tele?fon|^tel\b|sms|cell|puhelin|handy|komórk/iu;
const EITHER_HEADER =
  /recipient|contact|kontakt|mottak|mottag|modtag|vastaanottaja|empfänger|odbiorca|identifier/iu;
/** Characters a written phone number is made of. */
const PHONE_LIKE = /^[+\d\s().\-/]+$/u;
/** Fewer digits than this is no phone number (a house number, a count), so it is ignored. */
const MIN_PHONE_DIGITS = 6;
/** Excel writes "sep=;" as the first line of some CSV exports to name the delimiter. */
const EXCEL_SEPARATOR_LINE = /^sep=(.)\r?\n/iu;

/**
 * Reads what a person pastes or drops: one address per line, or a CSV or TSV export with any
 * columns (comma, semicolon, tab; quoted fields; a BOM; blank lines; CRLF), with or without a
 * header row. Each row is one member: its email or mobile number, by the preferred channel when
 * it has both. Emails are compared ignoring case and numbers by their digits, so a member listed
 * twice is sent once. papaparse (and, when needed, the phone library) load here, on demand.
 */
export async function parseBulkInput(text: string, options: BulkInputOptions): Promise<BulkInput> {
  const rows = await readRows(text);
  const header = rows[0] !== undefined && isHeader(rows[0].cells) ? rows[0] : null;
  const roles = header === null ? null : header.cells.map(roleOf);
  const searched =
    roles === null || roles.every((role) => role === "other") ? null : roles.map((role) => role !== "other");
  const body = header === null ? rows : rows.slice(1);

  const checkPhone = body.some((row) => row.cells.some(looksLikePhone))
    ? await (options.loadPhoneChecker ?? loadPhoneChecker)()
    : null;
  const reader = new RowReader(options, checkPhone);

  const recipients: BulkRecipient[] = [];
  const invalid: InvalidBulkRow[] = [];
  /** Each recipient's key, with the line that first named it. */
  const seen = new Map<string, number>();
  const duplicates: DuplicateBulkRow[] = [];
  const add = (found: Omit<BulkRecipient, "line">, line: number) => {
    const key = `${found.channel}:${recipientKey(found.channel, found.recipient)}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      duplicates.push({ shown: found.shown, line, firstLine });
      return;
    }
    seen.set(key, line);
    recipients.push({ ...found, line });
  };

  for (const row of body) {
    const cells = row.cells
      .map(cleanCell)
      .filter((cell, column) => cell !== "" && (searched?.[column] ?? true));
    // A line made only of email addresses ("a@x.no, b@x.no", pasted from a mail's To: line) is a
    // list, not one member's record: each address is a recipient.
    const isList = header === null && cells.length > 1 && cells.every((cell) => cell.includes("@"));
    for (const group of isList ? cells.map((cell) => [cell]) : [cells]) {
      const result = reader.read(group);
      if (result.ok) add(result.recipient, row.line);
      else
        invalid.push({ line: row.line, text: isList ? (group[0] ?? "") : row.text, problem: result.problem });
    }
  }
  return { recipients, duplicates, invalid, headerLine: header?.line ?? null };
}

/** The catalog key and substitutions that word a row problem for the operator. */
export function describeRowProblem(problem: BulkRowProblem): string {
  switch (problem.kind) {
    case "noRecipient":
      return t("bulk_problem_noRecipient");
    case "email":
      return t(`emailError_${problem.problem}` satisfies MessageKey);
    case "phone":
      return t(`phoneError_${problem.problem}` satisfies MessageKey);
    case "channelNotUsed":
      return problem.channel === "email" ? t("bulk_problem_emailNotUsed") : t("bulk_problem_phoneNotUsed");
  }
}

async function loadPhoneChecker(): Promise<PhoneChecker> {
  return (await import("./validation/phone")).checkPhone;
}

/** Splits the text into rows with papaparse, keeping each row's first line number and its text. */
async function readRows(input: string): Promise<Row[]> {
  const { parse } = await loadPapa();
  let text = input.replace(/^\uFEFF/u, "");
  let firstLine = 1;
  let delimiter = "";
  const excel = EXCEL_SEPARATOR_LINE.exec(text);
  if (excel) {
    delimiter = excel[1] ?? "";
    text = text.slice(excel[0].length);
    firstLine = 2;
  }
  const rows: Row[] = [];
  let start = 0;
  let line = firstLine;
  parse<string[]>(text, {
    // "" lets papaparse guess among comma, semicolon, tab and pipe from the first rows.
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const raw = text.slice(start, end);
      const cells = result.data.map((cell) => cell.trim());
      if (cells.some((cell) => cell !== ""))
        rows.push({ line, text: raw.replace(/\r?\n$/u, "").trim(), cells });
      line += raw.split("\n").length - 1;
      start = end;
    },
  });
  return rows;
}

/**
 * A first row without an address or a number that names its columns ("Email", "Mobile", …), or
 * that has several columns and no digits at all ("Name;Club"), is a header.
 */
function isHeader(cells: string[]): boolean {
  const filled = cells.filter((cell) => cell !== "");
  if (filled.some((cell) => cell.includes("@") || digitCount(cell) >= MIN_PHONE_DIGITS)) return false;
  return (
    filled.some((cell) => roleOf(cell) !== "other") ||
    (filled.length > 1 && filled.every((cell) => !/\d/u.test(cell)))
  );
}

function roleOf(header: string): ColumnRole {
  if (EMAIL_HEADER.test(header)) return "email";
  if (PHONE_HEADER.test(header)) return "phone";
  if (EITHER_HEADER.test(header)) return "either";
  return "other";
}

function digitCount(text: string): number {
  return text.replace(/\D/gu, "").length;
}

function looksLikePhone(cell: string): boolean {
  return !cell.includes("@") && PHONE_LIKE.test(cell.trim()) && digitCount(cell) >= MIN_PHONE_DIGITS;
}

/** "mailto:a@x.no", "Anna <a@x.no>" and "Anna Hansen a@x.no" hold an address a person means. */
function cleanCell(cell: string): string {
  const text = cell.trim().replace(/^mailto:/iu, "");
  if (!text.includes("@")) return text;
  const bracketed = /<([^<>]*@[^<>]*)>/u.exec(text)?.[1];
  if (bracketed !== undefined) return bracketed.trim();
  if (/\s/u.test(text)) {
    const words = text.split(/\s+/u).map((word) => word.replace(/^[("'[]+|[)"'\],;.]+$/gu, ""));
    const addresses = words.filter((word) => /^[^@]+@[^@]+$/u.test(word));
    if (addresses.length === 1 && addresses[0] !== undefined) return addresses[0];
  }
  return text;
}

type RowResult =
  | { ok: true; recipient: Omit<BulkRecipient, "line"> }
  | { ok: false; problem: BulkRowProblem };

/** Finds one member's recipient among a row's cells. */
class RowReader {
  constructor(
    private readonly options: BulkInputOptions,
    private readonly checkPhone: PhoneChecker | null,
  ) {}

  read(cells: string[]): RowResult {
    const { preferred, allowed = ["email", "msisdn"] } = this.options;
    let email: Omit<BulkRecipient, "line"> | null = null;
    let phone: Omit<BulkRecipient, "line"> | null = null;
    let emailProblem: BulkRowProblem | null = null;
    let phoneProblem: BulkRowProblem | null = null;
    for (const cell of cells) {
      if (cell.includes("@")) {
        const check = checkEmail(cell);
        if (check.ok) email ??= { channel: "email", recipient: check.email, shown: check.email };
        else emailProblem ??= { kind: "email", problem: check.problem };
      } else if (looksLikePhone(cell)) {
        const check = this.readPhone(cell);
        if (check.ok) phone ??= { channel: "msisdn", recipient: check.msisdn, shown: check.international };
        else phoneProblem ??= { kind: "phone", problem: check.problem };
      }
    }
    // A lone word in a row ("anna.example.no", "not-an-address") was meant as an email address.
    const [only] = cells;
    if (cells.length === 1 && only !== undefined && !email && !phone && !emailProblem && !phoneProblem) {
      const check = /^\S+$/u.test(only) && /\p{L}/u.test(only) ? checkEmail(only) : null;
      if (check && !check.ok) emailProblem = { kind: "email", problem: check.problem };
    }
    const usable = {
      email: allowed.includes("email") ? email : null,
      msisdn: allowed.includes("msisdn") ? phone : null,
    };
    const other: Channel = preferred === "email" ? "msisdn" : "email";
    const chosen = usable[preferred] ?? usable[other];
    if (chosen) return { ok: true, recipient: chosen };
    if (email) return { ok: false, problem: { kind: "channelNotUsed", channel: "email" } };
    if (phone) return { ok: false, problem: { kind: "channelNotUsed", channel: "msisdn" } };
    const problems = preferred === "email" ? [emailProblem, phoneProblem] : [phoneProblem, emailProblem];
    return { ok: false, problem: problems.find((p) => p !== null) ?? { kind: "noRecipient" } };
  }

  private readPhone(cell: string): PhoneCheck {
    const check = this.checkPhone?.(cell, this.options.country) ?? { ok: false, problem: "notMobile" };
    // Exports (Placewise's own among them) write numbers as E.164 digits without the "+".
    if (!check.ok && /^[1-9]\d{9,14}$/u.test(cell.trim())) {
      const international = this.checkPhone?.(`+${cell.trim()}`, this.options.country);
      if (international?.ok) return international;
    }
    return check;
  }
}
