/** `schema/model.json` is input to the server: its version and shape are checked before use. */
import { z } from 'zod';
import { BjetError } from '../errors/bjet-error.js';
import { SOURCE_MODEL_VERSION, type SourceModel, type ValueModel } from './source-model.js';

const scalarName = z.enum(['ID', 'Int', 'Float', 'Boolean', 'String', 'DateTime', 'Date', 'JSON']);
const method = z.enum(['GET', 'POST', 'PUT', 'DELETE']);

const valueModel: z.ZodType<ValueModel> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('scalar'), scalar: scalarName }),
    z.strictObject({ kind: z.literal('enum'), enumName: z.string(), values: z.array(z.string()) }),
    z.strictObject({ kind: z.literal('object'), typeName: z.string(), fields: z.array(fieldModel) }),
    z.strictObject({ kind: z.literal('relation'), endpoint: z.string(), typeName: z.string(), embeddedKeys: z.array(z.string()) }),
  ]),
);

const fieldModel = z.strictObject({
  key: z.string(),
  name: z.string(),
  list: z.boolean(),
  nullable: z.boolean(),
  value: valueModel,
  readOnly: z.boolean().optional(),
  required: z.boolean().optional(),
});

const sourceModel = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(SOURCE_MODEL_VERSION),
  endpoints: z.array(
    z.strictObject({
      endpoint: z.string(),
      typeName: z.string(),
      listField: z.string(),
      singleField: z.string(),
      idKey: z.string(),
      methods: z.array(method),
      filters: z.array(z.strictObject({ key: z.string(), name: z.string(), value: valueModel })),
      idListFilter: z.string().nullable(),
      maxPageSize: z.int().min(1),
      fields: z.array(fieldModel),
      sampled: z.int().min(0),
    }),
  ),
});

export function parseSourceModel(input: unknown, source: string): SourceModel {
  const result = sourceModel.safeParse(input);
  if (result.success) {
    const { $comment: _header, ...model } = result.data;
    return model;
  }
  const first = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new BjetError('SCHEMA_DRIFT', `${source} is not a model this version reads (run \`bjet-graphql introspect\`): ${first.join('; ')}`);
}
