/** `schema/model.json` is input to the server: its version and shape are checked before use. */
import { z } from 'zod';
import { BjetError } from '../errors/bjet-error.js';
import { isRecord } from '../shared/guards.js';
import { HTTP_METHODS, SCALAR_NAMES, SOURCE_MODEL_VERSION, type SourceModel, type ValueModel } from './source-model.js';

const name = z.string().min(1);
const enumValue = z.strictObject({ name, key: z.string() });

const valueModel: z.ZodType<ValueModel> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('scalar'), scalar: z.enum(SCALAR_NAMES) }),
    z.strictObject({ kind: z.literal('enum'), enumName: name, values: z.array(enumValue) }),
    z.strictObject({ kind: z.literal('object'), typeName: name, fields: z.array(fieldModel) }),
    z.strictObject({ kind: z.literal('relation'), endpoint: z.string(), typeName: name, embeddedKeys: z.array(z.string()) }),
  ]),
);

const fieldModel = z.strictObject({
  key: z.string(),
  name,
  list: z.boolean(),
  nullable: z.boolean(),
  value: valueModel,
  readOnly: z.boolean().optional(),
  required: z.boolean().optional(),
});

const inputModel = z.strictObject({ typeName: name, fields: z.array(z.strictObject({ name, key: z.string() })) });

const mutationModel = z.strictObject({ kind: z.enum(['create', 'update', 'delete']), field: name, input: inputModel.nullable() });

const sourceModel = z.strictObject({
  $comment: z.string().optional(),
  version: z.literal(SOURCE_MODEL_VERSION),
  endpoints: z.array(
    z.strictObject({
      endpoint: z.string(),
      typeName: name,
      listField: name,
      singleField: name,
      pageTypeName: name,
      idKey: z.string(),
      methods: z.array(z.enum(HTTP_METHODS)),
      filters: z.array(z.strictObject({ key: z.string(), name, value: valueModel })),
      filterInput: name.nullable(),
      idListFilter: z.string().nullable(),
      maxPageSize: z.int().min(1),
      mutations: z.array(mutationModel),
      subscription: z.strictObject({ changeType: name, recordField: name, listField: name }).nullable(),
      fields: z.array(fieldModel),
      sampled: z.int().min(0),
    }),
  ),
});

export function parseSourceModel(input: unknown, source: string): SourceModel {
  const version = isRecord(input) ? input['version'] : undefined;
  if (version !== SOURCE_MODEL_VERSION) {
    const found = typeof version === 'number' ? `version ${version}` : 'no version';
    throw new BjetError(
      'SCHEMA_DRIFT',
      `${source} has ${found}; this bjet-graphql reads model version ${SOURCE_MODEL_VERSION}: regenerate schema/ with \`bjet-graphql introspect\``,
      { details: { found: version ?? null, expected: SOURCE_MODEL_VERSION } },
    );
  }
  const result = sourceModel.safeParse(input);
  if (result.success) {
    const { $comment: _header, ...model } = result.data;
    return model;
  }
  const first = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new BjetError('SCHEMA_DRIFT', `${source} is not a model this version reads (run \`bjet-graphql introspect\`): ${first.join('; ')}`);
}
