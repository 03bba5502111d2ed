/** The rule an operation-limit code (server.limits) names, as the refusals metric labels it. */
const LIMIT_RULES: Readonly<Record<string, string>> = {
  OPERATION_TOO_DEEP: 'depth',
  OPERATION_TOO_MANY_ALIASES: 'aliases',
  OPERATION_TOO_MANY_ROOT_FIELDS: 'rootFields',
  OPERATION_TOO_MANY_DIRECTIVES: 'directives',
  OPERATION_TOO_MANY_TOKENS: 'tokens',
  OPERATION_TOO_BROAD: 'fields',
};

/** `undefined` for any other code. */
export function limitRuleOf(code: string): string | undefined {
  return Object.hasOwn(LIMIT_RULES, code) ? LIMIT_RULES[code] : undefined;
}
