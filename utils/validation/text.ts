/** Control characters (C0, DEL and C1, including CR and LF) would split or corrupt an HTTP header. */
export function hasControlCharacters(value: string): boolean {
  return /\p{Cc}/u.test(value);
}

/** Header values must be Latin-1 for fetch; we hold tokens and product names to printable ASCII. */
export function isPrintableAscii(value: string): boolean {
  return /^[ -~]*$/u.test(value);
}
