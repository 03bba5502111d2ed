/**
 * fast-check arbitraries for GraphQL operations over a schema: random root fields (queries, and
 * mutations when asked), random arguments (literals or variables, valid by type or nearly so),
 * random selections down to a depth, random aliases. Built from the schema, so a new endpoint is
 * fuzzed without a change here.
 */
import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export interface FuzzOperation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const MAX_DEPTH = 4;

/** Text a client might send: ids that exist, ASCII, any Unicode, and edge lengths. */
const text = fc.oneof(
  fc.integer({ min: 1, max: 40 }).map(String),
  fc.constantFrom('ACC_0002', 'FURN_0001', 'A-1', '', ' ', '%', '/', '?a=b&c', '..', 'é', '😀'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constant('x'.repeat(1001)),
);

function scalarValue(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case 'Int':
      return fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: -3, max: 2_000_000 }));
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.constantFrom('2024-01-31', '2024-02-30', 'not a date');
    case 'DateTime':
      return fc.constantFrom('2024-01-31 12:00:00', '2024-01-31T12:00:00Z', 'soon');
    case 'JSON':
      return fc.jsonValue({ maxDepth: 2 });
    default:
      return text;
  }
}

function inputValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return fc.array(inputValue(nullable.ofType, depth + 1), { maxLength: depth > 0 ? 2 : 6 });
  if (isEnumType(nullable)) return fc.constantFrom(...nullable.getValues().map((value) => value.name));
  if (isInputObjectType(nullable)) {
    const fields = Object.values(nullable.getFields()).filter((field) => depth < 2 || isNonNullType(field.type));
    const entries = fields.map((field) => [field.name, inputValue(field.type, depth + 1)] as const);
    const record = Object.fromEntries(entries) as Record<string, fc.Arbitrary<unknown>>;
    const requiredKeys = fields.filter((field) => isNonNullType(field.type)).map((field) => field.name);
    return fc.record(record, { requiredKeys });
  }
  return isScalarType(nullable) ? scalarValue(nullable.name) : fc.constant(null);
}

/** A GraphQL literal of a value of `type` (enum values unquoted). */
function printLiteral(value: unknown, type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  if (value === null || value === undefined) return 'null';
  if (isListType(nullable) && Array.isArray(value)) return `[${value.map((item) => printLiteral(item, nullable.ofType)).join(', ')}]`;
  if (isEnumType(nullable)) return typeof value === 'string' ? value : JSON.stringify(value);
  if (isInputObjectType(nullable) && typeof value === 'object') {
    const fields = nullable.getFields();
    const parts = Object.entries(value).map(([key, item]) => `${key}: ${printLiteral(item, fields[key]?.type ?? nullable)}`);
    return `{ ${parts.join(', ')} }`;
  }
  if (isScalarType(nullable) && nullable.name === 'JSON') return printJsonLiteral(value);
  return JSON.stringify(value);
}

function printJsonLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printJsonLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(key) ? key : 'k'}: ${printJsonLiteral(item)}`)
      .join(', ')} }`;
  }
  return JSON.stringify(value);
}

interface Built {
  readonly text: string;
  readonly variables: readonly (readonly [name: string, type: string, value: unknown])[];
}

function argumentsOf(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Built> {
  const parts = field.args.map((arg) =>
    fc
      .record({ use: isNonNullType(arg.type) ? fc.constant(true) : fc.boolean(), asVariable: fc.boolean(), value: inputValue(arg.type) })
      .map(({ use, asVariable, value }) => ({ arg, use, asVariable, value })),
  );
  return fc.tuple(...parts, fc.nat()).map((picked) => {
    const seed = picked.pop() as number;
    const used = (picked as { arg: (typeof field.args)[number]; use: boolean; asVariable: boolean; value: unknown }[]).filter((p) => p.use);
    const variables: [string, string, unknown][] = [];
    const printed = used.map(({ arg, asVariable, value }) => {
      if (!asVariable) return `${arg.name}: ${printLiteral(value, arg.type)}`;
      const name = `v${seed % 100000}_${variables.length}_${arg.name}`;
      variables.push([name, String(arg.type), value]);
      return `${arg.name}: $${name}`;
    });
    return { text: printed.length === 0 ? '' : `(${printed.join(', ')})`, variables };
  });
}

function selectionOf(type: GraphQLObjectType, depth: number): fc.Arbitrary<Built> {
  const fields = Object.values(type.getFields()).filter((field) => depth < MAX_DEPTH || isLeafType(getNamedType(field.type)));
  if (fields.length === 0) return fc.constant({ text: '{ __typename }', variables: [] });
  return fc.subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) }).chain((picked) =>
    fc.tuple(...picked.map((field) => fieldOf(field, depth + 1))).map((built) => ({
      text: `{ ${built.map((b) => b.text).join(' ')} }`,
      variables: built.flatMap((b) => b.variables),
    })),
  );
}

function fieldOf(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<Built> {
  const named = getNamedType(field.type);
  const sub = isObjectType(named) ? selectionOf(named, depth) : fc.constant({ text: '', variables: [] });
  return fc.tuple(fc.option(fc.constantFrom('a', 'b', 'x_1'), { freq: 5 }), argumentsOf(field), sub).map(([alias, args, selection]) => ({
    text: `${alias === null ? '' : `${alias}${depth}_${field.name}: `}${field.name}${args.text} ${selection.text}`,
    variables: [...args.variables, ...selection.variables],
  }));
}

export function operationArbitrary(schema: GraphQLSchema, options: { readonly mutations: boolean }): fc.Arbitrary<FuzzOperation> {
  const roots: [GraphQLObjectType, string][] = [];
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) roots.push([query, 'query']);
  if (mutation && options.mutations) roots.push([mutation, 'mutation']);
  return fc.constantFrom(...roots).chain(([type, keyword]) => {
    const fields = Object.values(type.getFields()).filter((field) => !field.name.startsWith('_'));
    return fc.subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) }).chain((picked) =>
      fc.tuple(...picked.map((field) => fieldOf(field, 1))).map((built) => {
        const variables = built.flatMap((b) => b.variables);
        const declared = variables.map(([name, typeName]) => `$${name}: ${typeName}`).join(', ');
        return {
          query: `${keyword}${declared === '' ? '' : ` (${declared})`} { ${built.map((b) => b.text).join(' ')} }`,
          variables: Object.fromEntries(variables.map(([name, , value]) => [name, value])),
        };
      }),
    );
  });
}
