/**
 * `schema/schema.graphql` and `schema/model.json` must describe the same schema: the SDL says what
 * clients may send, the model how each name is executed. A member only one of them has would be a
 * field that answers null, a mutation that reaches no endpoint, an input field silently dropped or
 * an enum value with no key. Refused at start, naming every member and the fix.
 */
import { BjetError } from '../errors/bjet-error.js';
import type { EndpointModel } from '../model/source-model.js';
import { buildModelShape } from './build-model-shape.js';
import type { SdlShape } from './read-sdl-shape.js';

const LISTED = 20;

export function checkSchemaDrift(shape: SdlShape, endpoints: Iterable<EndpointModel>): void {
  const sdl = shape.members;
  const model = buildModelShape(endpoints);
  const sdlOnly = [...sdl.keys()].filter((name) => !model.has(name)).sort();
  const modelOnly = [...model.keys()].filter((name) => !sdl.has(name)).sort();
  const retyped = [...sdl]
    .filter(([name, type]) => model.has(name) && model.get(name) !== type)
    .map(([name]) => name)
    .sort();
  if (sdlOnly.length + modelOnly.length + retyped.length === 0) return;
  const parts = [
    group(sdlOnly, 'in the SDL but not in model.json'),
    group(modelOnly, 'in model.json but not in the SDL'),
    group(
      retyped.map((name) => `${name} (${sdl.get(name) ?? ''} in the SDL, ${model.get(name) ?? ''} in model.json)`),
      'not the same in both',
    ),
  ].filter((part) => part !== '');
  throw new BjetError(
    'SCHEMA_DRIFT',
    `schema/schema.graphql and schema/model.json disagree: ${parts.join('; ')}; regenerate both with \`bjet-graphql introspect\``,
    { details: { fields: [...sdlOnly, ...modelOnly, ...retyped] } },
  );
}

function group(names: readonly string[], where: string): string {
  if (names.length === 0) return '';
  const shown = names.slice(0, LISTED).join(', ');
  const more = names.length > LISTED ? ` and ${names.length - LISTED} more` : '';
  return `${shown}${more} ${names.length === 1 ? 'is' : 'are'} ${where}`;
}
