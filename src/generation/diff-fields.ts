/** Changes between two versions of one type's fields, each classified breaking or safe for clients. */
import type { EnumValueModel, FieldModel, ValueModel } from '../model/source-model.js';
import { valueTypeName } from '../model/value-type-name.js';

export interface SchemaChange {
  readonly breaking: boolean;
  /** `partners.country_id` (endpoint, then external key path). */
  readonly path: string;
  readonly message: string;
}

export function typeLabel(field: Pick<FieldModel, 'list' | 'nullable' | 'value'>): string {
  const name = valueTypeName(field.value);
  const inner = field.list ? `[${name}!]` : name;
  return field.nullable ? inner : `${inner}!`;
}

export function diffFields(before: readonly FieldModel[], after: readonly FieldModel[], path: string, typeName: string): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const afterByKey = new Map(after.map((field) => [field.key, field]));
  const beforeKeys = new Set(before.map((field) => field.key));
  for (const old of before) {
    const current = afterByKey.get(old.key);
    const where = `${path}.${old.key}`;
    if (current === undefined) {
      changes.push({ breaking: true, path: where, message: `field \`${typeName}.${old.name}\` removed (the upstream no longer sends key \`${old.key}\`)` });
    } else {
      changes.push(...diffField(old, current, where, typeName));
    }
  }
  for (const added of after.filter((field) => !beforeKeys.has(field.key))) {
    changes.push({ breaking: false, path: `${path}.${added.key}`, message: `field \`${typeName}.${added.name}: ${typeLabel(added)}\` added` });
  }
  return changes;
}

function diffField(old: FieldModel, current: FieldModel, path: string, typeName: string): SchemaChange[] {
  const label = `\`${typeName}.${old.name}\``;
  const changes: SchemaChange[] = [];
  if (old.name !== current.name) changes.push({ breaking: true, path, message: `field ${label} renamed to \`${current.name}\`` });
  if (old.list !== current.list || !sameValueType(old.value, current.value)) {
    changes.push({ breaking: true, path, message: `field ${label} changed type from \`${typeLabel(old)}\` to \`${typeLabel(current)}\`` });
  } else {
    changes.push(...diffSameType(old, current, path, label));
  }
  if (old.nullable !== current.nullable) {
    changes.push(
      current.nullable
        ? { breaking: true, path, message: `field ${label} is now nullable (some records have no value): clients relying on a value get null` }
        : { breaking: false, path, message: `field ${label} is now non-null` },
    );
  }
  changes.push(...diffFlag(old.readOnly === true, current.readOnly === true, path, `${label} read-only`, true));
  changes.push(...diffFlag(old.required === true, current.required === true, path, `${label} required on create`, true));
  return changes;
}

function diffSameType(old: FieldModel, current: FieldModel, path: string, label: string): SchemaChange[] {
  const a = old.value;
  const b = current.value;
  if (a.kind === 'enum' && b.kind === 'enum') {
    return [
      ...missingValues(a.values, b.values).map((value) => ({ breaking: true, path, message: `enum value \`${value}\` of ${label} removed` })),
      ...missingValues(b.values, a.values).map((value) => ({ breaking: false, path, message: `enum value \`${value}\` of ${label} added` })),
    ];
  }
  if (a.kind === 'object' && b.kind === 'object') return diffFields(a.fields, b.fields, path, a.typeName);
  if (a.kind === 'relation' && b.kind === 'relation' && a.embeddedKeys.join() !== b.embeddedKeys.join()) {
    return [
      {
        breaking: false,
        path,
        message: `keys embedded in ${label} changed from [${a.embeddedKeys.join(', ')}] to [${b.embeddedKeys.join(', ')}] (REST calls only)`,
      },
    ];
  }
  return [];
}

/** Setting a flag that removes an input or makes it required breaks writers; clearing it does not. */
function diffFlag(before: boolean, after: boolean, path: string, what: string, breakingWhenSet: boolean): SchemaChange[] {
  if (before === after) return [];
  return [{ breaking: after === breakingWhenSet, path, message: `${what}: ${before} → ${after}` }];
}

function sameValueType(a: ValueModel, b: ValueModel): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'scalar':
      return b.kind === 'scalar' && a.scalar === b.scalar;
    case 'enum':
      return b.kind === 'enum' && a.enumName === b.enumName;
    case 'object':
      return b.kind === 'object' && a.typeName === b.typeName;
    case 'relation':
      return b.kind === 'relation' && a.typeName === b.typeName && a.endpoint === b.endpoint;
  }
}

/** Technical keys of `from` that `to` lacks (a renamed key is one removed and one added). */
function missingValues(from: readonly EnumValueModel[], to: readonly EnumValueModel[]): string[] {
  const keys = new Set(to.map((value) => value.key));
  return from.filter((value) => !keys.has(value.key)).map((value) => value.key);
}
