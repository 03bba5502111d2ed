/**
 * What `check` reports: the committed model against a fresh introspection, change by change, each
 * breaking (removed, type changed, now nullable, enum value removed) or safe (added, loosened).
 * `sampled` is not compared: the record count is not part of the schema.
 */
import type { EndpointModel, FilterModel, SourceModel } from '../model/source-model.js';
import { diffFields, typeLabel, type SchemaChange } from './diff-fields.js';

export type { SchemaChange } from './diff-fields.js';

export function diffSourceModels(before: SourceModel, after: SourceModel): SchemaChange[] {
  const afterByName = new Map(after.endpoints.map((endpoint) => [endpoint.endpoint, endpoint]));
  const beforeNames = new Set(before.endpoints.map((endpoint) => endpoint.endpoint));
  const changes: SchemaChange[] = [];
  for (const old of before.endpoints) {
    const current = afterByName.get(old.endpoint);
    if (current === undefined) {
      changes.push({ breaking: true, path: old.endpoint, message: `endpoint \`${old.endpoint}\` removed (type \`${old.typeName}\` and its queries gone)` });
    } else {
      changes.push(...diffEndpoint(old, current));
    }
  }
  for (const added of after.endpoints.filter((endpoint) => !beforeNames.has(endpoint.endpoint))) {
    changes.push({ breaking: false, path: added.endpoint, message: `endpoint \`${added.endpoint}\` added (type \`${added.typeName}\`)` });
  }
  return changes;
}

function diffEndpoint(old: EndpointModel, current: EndpointModel): SchemaChange[] {
  const path = old.endpoint;
  const changes: SchemaChange[] = [];
  for (const key of ['typeName', 'listField', 'singleField', 'idKey'] as const) {
    if (old[key] !== current[key]) changes.push({ breaking: true, path, message: `${key} changed from \`${old[key]}\` to \`${current[key]}\`` });
  }
  for (const method of old.methods.filter((m) => !current.methods.includes(m))) {
    changes.push({ breaking: true, path, message: `method ${method} no longer allowed (its mutation or queries gone)` });
  }
  for (const method of current.methods.filter((m) => !old.methods.includes(m))) {
    changes.push({ breaking: false, path, message: `method ${method} now allowed` });
  }
  changes.push(...diffFilters(old.filters, current.filters, path));
  if (old.idListFilter !== current.idListFilter) {
    changes.push({
      breaking: false,
      path,
      message: `id-list filter changed from ${String(old.idListFilter)} to ${String(current.idListFilter)} (REST calls only)`,
    });
  }
  if (old.maxPageSize !== current.maxPageSize) {
    changes.push({ breaking: current.maxPageSize < old.maxPageSize, path, message: `maxPageSize changed from ${old.maxPageSize} to ${current.maxPageSize}` });
  }
  return [...changes, ...diffFields(old.fields, current.fields, path, old.typeName)];
}

function diffFilters(before: readonly FilterModel[], after: readonly FilterModel[], path: string): SchemaChange[] {
  const label = (filter: FilterModel): string => typeLabel({ list: false, nullable: true, value: filter.value });
  const changes: SchemaChange[] = [];
  for (const old of before) {
    const current = after.find((filter) => filter.key === old.key);
    if (current === undefined) changes.push({ breaking: true, path, message: `filter \`${old.name}\` removed` });
    else if (label(old) !== label(current)) {
      changes.push({ breaking: true, path, message: `filter \`${old.name}\` changed type from \`${label(old)}\` to \`${label(current)}\`` });
    }
  }
  for (const added of after.filter((filter) => !before.some((old) => old.key === filter.key))) {
    changes.push({ breaking: false, path, message: `filter \`${added.name}\` added` });
  }
  return changes;
}
