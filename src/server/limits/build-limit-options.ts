/**
 * The operation limits as a parser's and a validator's options, the one place both transports take
 * them from: Apollo's (HTTP) and the WebSocket server's document cache apply the same ones.
 */
import type { ParseOptions, ValidationRule } from 'graphql';
import type { OperationLimitsConfig } from '../../config/types.js';
import { buildLimitRule } from './build-limit-rule.js';

export interface LimitOptions {
  /** Parsing stops at the token limit. */
  readonly parseOptions: ParseOptions;
  /** Run after graphql-js's specified rules, the guard still hides a refused document from them. */
  readonly validationRules: ValidationRule[];
}

export function buildLimitOptions(limits: OperationLimitsConfig): LimitOptions {
  return { parseOptions: { maxTokens: limits.tokens }, validationRules: [buildLimitRule(limits)] };
}
