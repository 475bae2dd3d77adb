/** Why an email address was refused; each maps to a catalog message `emailError_<reason>`. */
export type EmailProblem =
  | "empty"
  | "tooLong"
  | "noAt"
  | "spaces"
  | "invisible"
  | "lookalikeAt"
  | "badLocalPart"
  | "badDomain";

/** The result of checking an address: the trimmed address, or the reason it cannot be sent to. */
export type EmailCheck = { ok: true; email: string } | { ok: false; problem: EmailProblem };

/** RFC 5321 caps a forward path at 254 characters. */
const MAX_EMAIL_LENGTH = 254;

/**
 * Checks an address the way a desk needs: loose enough for plus-addressing, subdomains, upper case
 * and IDN domains, strict enough to catch a paste gone wrong. The case is kept as typed: Placewise
 * matches members itself, and changing what the operator typed would surprise them.
 */
export function checkEmail(input: string): EmailCheck {
  const email = input.trim();
  if (email === "") return { ok: false, problem: "empty" };
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, problem: "tooLong" };
  // JavaScript counts U+FEFF (BOM) as \s; it is invisible, not a space the operator can see.
  if (/(?!\ufeff)\s/u.test(email)) return { ok: false, problem: "spaces" };
  const unseen = findUnseenCharacter(email);
  if (unseen) return { ok: false, problem: unseen };
  const at = email.lastIndexOf("@");
  if (at === -1) return { ok: false, problem: "noAt" };
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  // Quotes, angle brackets and a second @ mean a pasted display name or junk.
  if (local === "" || local.length > 64 || /["<>(),;:\\[\]@]/u.test(local)) {
    return { ok: false, problem: "badLocalPart" };
  }
  if (!isPlausibleDomain(domain)) return { ok: false, problem: "badDomain" };
  return { ok: true, email };
}

// Controls, format characters (bidi overrides and isolates, zero-width spaces and joiners, soft
// hyphens, BOM), unassigned and private-use code points, and what Unicode marks as default-ignorable
// (variation selectors, Hangul fillers). A copied link or chat message leaves them in an address;
// they are invisible, so the address looks right but names another mailbox, or a reordered one.
// ZWJ/ZWNJ are legal in a few IDN scripts (RFC 5892 CONTEXTJ); a desk in the Nordics never needs them.
// Captured first: U+FE6B and U+FF20, the characters NFKC folds to "@" (email.test.ts checks that
// against all of Unicode). A PDF or an East Asian keyboard gives one; no mail server takes it as @.
// One pattern for both, as a list rather than a fold at run time: the popup's bytes are counted.
const UNSEEN = /([\ufe6b\uff20])|[\p{C}\p{Default_Ignorable_Code_Point}]/u;

/** What in the text looks like something else or like nothing: a look-alike @, an invisible character. */
export function findUnseenCharacter(text: string): "lookalikeAt" | "invisible" | null {
  const found = UNSEEN.exec(text);
  return found ? (found[1] ? "lookalikeAt" : "invisible") : null;
}

function isPlausibleDomain(domain: string): boolean {
  if (!domain.includes(".") || domain.length > 253) return false;
  const labels = domain.split(".");
  return (
    // Letters and digits of any script (IDN), hyphens inside, 1 to 63 characters (RFC 1035).
    labels.every(
      (label) => label.length <= 63 && /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u.test(label),
    ) &&
    // The top-level label is never all digits (that would be an IP address or a typo).
    !/^\d+$/u.test(labels[labels.length - 1] ?? "")
  );
}
