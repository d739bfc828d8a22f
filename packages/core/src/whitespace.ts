/**
 * ECMAScript's whitespace (WhiteSpace and LineTerminator: what `\s` matches and `trim()` removes)
 * tested on one UTF-16 code unit, for loops that count characters without a regular expression
 * per character. Every such character is in the BMP. whitespace.test.ts checks it against `\s`
 * for all 65,536 units.
 */
export function isWhitespaceUnit(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 || unit === 0x1680 || (unit >= 0x2000 && unit <= 0x200a) || unit === 0x2028 || unit === 0x2029 ||
    unit === 0x202f || unit === 0x205f || unit === 0x3000 || unit === 0xfeff
  );
}
