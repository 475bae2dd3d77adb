/** Control characters (C0, DEL and C1, including CR and LF) would split or corrupt an HTTP header. */
export function hasControlCharacters(value: string): boolean {
  return /\p{Cc}/u.test(value);
}

/** Header values must be Latin-1 for fetch; we hold tokens and product names to printable ASCII. */
export function isPrintableAscii(value: string): boolean {
  return /^[ -~]*$/u.test(value);
}

// Controls, format characters (bidi overrides and isolates, zero-width spaces and joiners, soft
// hyphens, BOM), unassigned and private-use code points, and what Unicode marks as default-ignorable
// (variation selectors, Hangul fillers). A copied link or chat message leaves them in an address;
// they are invisible, so the address looks right but names another mailbox, or a reordered one.
// ZWJ/ZWNJ are legal in a few IDN scripts (RFC 5892 CONTEXTJ); a desk in the Nordics never needs them.
const INVISIBLE = /[\p{C}\p{Default_Ignorable_Code_Point}]/u;

/** Whether the text holds a character that shows as nothing, or changes how its neighbours show. */
export function hasInvisibleCharacter(text: string): boolean {
  return INVISIBLE.test(text);
}
