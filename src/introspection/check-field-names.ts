/** Two keys of one type must not get the same GraphQL field name; a key must give a valid name. */
import type { ConfigIssue } from '../config/types.js';
import type { FieldModel, FilterModel } from '../model/source-model.js';

const GRAPHQL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkFieldNames(endpoint: string, typeName: string, fields: readonly FieldModel[], keyPrefix = ''): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byName = new Map<string, string>();
  for (const field of fields) {
    const path = `endpoints.${endpoint}.fields.${keyPrefix}${field.key}.name`;
    const fix = keyPrefix === '' ? 'set `name` for one of them' : 'map one of them to another key upstream';
    if (!GRAPHQL_NAME.test(field.name) || field.name.startsWith('__')) {
      issues.push({ path, message: `key \`${keyPrefix}${field.key}\` gives no valid GraphQL name: set \`name\`` });
      continue;
    }
    const other = byName.get(field.name);
    if (other !== undefined) {
      issues.push({
        path,
        message: `field \`${typeName}.${field.name}\` comes from both key \`${keyPrefix}${other}\` and key \`${keyPrefix}${field.key}\` of endpoint \`${endpoint}\`: ${fix}`,
      });
    }
    byName.set(field.name, field.key);
    if (field.value.kind === 'object') {
      issues.push(...checkFieldNames(endpoint, field.value.typeName, field.value.fields, `${keyPrefix}${field.key}.`));
    }
  }
  return issues;
}

/** Filter keys become input field names too (`is_company` → `isCompany`). */
export function checkFilterNames(endpoint: string, filters: readonly FilterModel[]): ConfigIssue[] {
  return filters.flatMap((filter, index) => {
    const path = `endpoints.${endpoint}.filters`;
    if (!GRAPHQL_NAME.test(filter.name)) return [{ path, message: `filter \`${filter.key}\` gives no valid GraphQL name` }];
    const other = filters.slice(0, index).find((candidate) => candidate.name === filter.name);
    return other === undefined
      ? []
      : [{ path, message: `filters \`${other.key}\` and \`${filter.key}\` of endpoint \`${endpoint}\` both become \`${filter.name}\`: keep one` }];
  });
}
