/** Filter inputs typed like the field they filter; the id-list filter and unknown keys are strings of IDs/text. */
import type { EndpointConfig } from '../config/types.js';
import type { FieldModel, FilterModel, ValueModel } from '../model/source-model.js';
import { inputFieldNameFor } from '../model/naming.js';

export function inferFilters(config: EndpointConfig, fields: readonly FieldModel[]): FilterModel[] {
  return [...config.filters].sort().map((key) => ({ key, name: inputFieldNameFor(key), value: filterValue(key, config, fields) }));
}

function filterValue(key: string, config: EndpointConfig, fields: readonly FieldModel[]): ValueModel {
  if (key === config.idListFilter) return { kind: 'scalar', scalar: 'ID' };
  const field = fields.find((candidate) => candidate.key === key);
  if (field === undefined) return { kind: 'scalar', scalar: 'String' };
  switch (field.value.kind) {
    case 'scalar':
    case 'enum':
      return field.value;
    // `?country_id=3` filters a Many2one by the related record's identifier.
    case 'relation':
    case 'object':
      return { kind: 'scalar', scalar: 'ID' };
  }
}
