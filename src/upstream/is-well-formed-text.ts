/**
 * Whether text can go upstream as what the client meant: no U+FFFD (a request body's invalid
 * UTF-8 bytes are decoded lossily into it before GraphQL sees them, so it is where they can still
 * be told apart) and no lone surrogate (a JSON `\ud800` escape; no UTF-8 encoding exists for it).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedText(text: string): boolean {
  return !text.includes('\uFFFD') && !LONE_SURROGATE.test(text);
}
