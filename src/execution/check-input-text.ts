/**
 * Filter strings and ids a client sends, checked before they can reach the upstream: well-formed
 * text only, and not longer than `server.limits.stringLength`.
 * (upstream/is-well-formed-text.ts says what well-formed means here).
 */
import { BjetError } from '../errors/bjet-error.js';
import { isWellFormedText } from '../upstream/is-well-formed-text.js';

export interface TextLimits {
  readonly stringLength: number;
  readonly listLength: number;
}

export function checkInputText(text: string, argument: string, limits: TextLimits): string {
  if (!isWellFormedText(text)) {
    throw new BjetError('BAD_USER_INPUT', `"${argument}" is not well-formed UTF-8 text (invalid bytes, U+FFFD or a lone surrogate).`, {
      details: { argument },
    });
  }
  if (text.length > limits.stringLength) {
    throw new BjetError('BAD_USER_INPUT', `"${argument}" is ${text.length} characters long, over the limit of ${limits.stringLength}.`, {
      details: { argument, limit: limits.stringLength },
    });
  }
  return text;
}

/** A scalar argument (string, number, boolean) or list of them, checked as text where it is text. */
export function checkInputValue(value: unknown, argument: string, limits: TextLimits): void {
  if (typeof value === 'string') {
    checkInputText(value, argument, limits);
    return;
  }
  if (!Array.isArray(value)) return;
  if (value.length > limits.listLength) {
    throw new BjetError('BAD_USER_INPUT', `"${argument}" has ${value.length} elements, over the limit of ${limits.listLength}.`, {
      details: { argument, limit: limits.listLength },
    });
  }
  for (const item of value) if (typeof item === 'string') checkInputText(item, argument, limits);
}
