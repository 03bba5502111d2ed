/**
 * Every GraphQL name comes from here ("inflection"), called once, by introspection: the model
 * records each name, and SDL generation and execution read it from there.
 */

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function pascalCase(text: string): string {
  const result = words(text).map(capitalize).join('');
  return /^[0-9]/.test(result) ? `_${result}` : result;
}

function camelCase(text: string): string {
  const pascal = pascalCase(text);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

const IRREGULAR_SINGULAR: Readonly<Record<string, string>> = {
  people: 'person',
  children: 'child',
  data: 'data',
  uom: 'uom',
  status: 'status',
  address: 'address',
};

/** English singular of the last word: `categories` → `category`, `addresses` → `address`. */
function singularWord(word: string): string {
  const lower = word.toLowerCase();
  const irregular = IRREGULAR_SINGULAR[lower];
  if (irregular !== undefined) return irregular;
  if (/ies$/.test(lower) && lower.length > 3) return lower.slice(0, -3) + 'y';
  if (/(ss|sh|ch|x|z)es$/.test(lower)) return lower.slice(0, -2);
  if (/sses$/.test(lower)) return lower.slice(0, -2);
  if (/[^s]s$/.test(lower) && !/(us|is)$/.test(lower)) return lower.slice(0, -1);
  return lower;
}

/** English plural of the last word: `category` → `categories`, `uom` → `uoms`. */
function pluralWord(word: string): string {
  const lower = word.toLowerCase();
  if (/[^aeiou]y$/.test(lower)) return lower.slice(0, -1) + 'ies';
  if (/(s|sh|ch|x|z)$/.test(lower)) return lower + 'es';
  return lower + 's';
}

function mapLastWord(text: string, fn: (word: string) => string): string[] {
  const parts = words(text);
  const last = parts.pop();
  return last === undefined ? parts : [...parts, fn(last)];
}

/** `res-partner` → `ResPartner`, `product-categories` → `ProductCategory`. */
export function typeNameFor(endpoint: string): string {
  return mapLastWord(endpoint, singularWord).map(capitalize).join('');
}

/** Single-record query field: `Partner` → `partner`. */
export function singleFieldFor(typeName: string): string {
  return typeName.charAt(0).toLowerCase() + typeName.slice(1);
}

/** List query field: `ProductCategory` → `productCategories`. */
export function listFieldFor(typeName: string): string {
  return camelCase(mapLastWord(typeName, pluralWord).join(' '));
}

/**
 * Output field name of an external key. Relational keys drop Odoo's `_id`/`_ids` suffix
 * (`country_id` → `country`, `tag_ids` → `tags`); plain keys are camelCased (`contact_email` → `contactEmail`).
 */
export function fieldNameFor(key: string, relational: boolean): string {
  if (relational) {
    if (/_ids$/.test(key) && key.length > 4) return camelCase(pluralWord(key.slice(0, -4)));
    if (/_id$/.test(key) && key.length > 3) return camelCase(key.slice(0, -3));
  }
  return camelCase(key);
}

/** Input field name of an external key: always the camelCased key (`country_id` → `countryId`). */
export function inputFieldNameFor(key: string): string {
  return camelCase(key);
}

export const pageTypeNameFor = (typeName: string): string => `${typeName}Page`;
export const filterInputNameFor = (typeName: string): string => `${typeName}Filter`;
export const createInputNameFor = (typeName: string): string => `Create${typeName}Input`;
export const updateInputNameFor = (typeName: string): string => `Update${typeName}Input`;
export const createMutationFor = (typeName: string): string => `create${typeName}`;
export const updateMutationFor = (typeName: string): string => `update${typeName}`;
export const deleteMutationFor = (typeName: string): string => `delete${typeName}`;
/** The enum of change kinds shared by every endpoint. */
export const CHANGE_KIND_ENUM = 'ChangeKind';
/** `Partner` → `PartnerChange`: the event a subscription yields. */
export const changeTypeNameFor = (typeName: string): string => `${typeName}Change`;
/** From the endpoint's query fields (so they never collide where those do not): `partner` → `partnerChanged(id: ID!)`. */
export const recordChangedFieldFor = (singleField: string): string => `${singleField}Changed`;
/** `partners` → `partnersChanged(filter: PartnerFilter)`. */
export const listChangedFieldFor = (listField: string): string => `${listField}Changed`;
/** Enum of a selection field: `Partner` + `state` → `PartnerState`. */
export const enumNameFor = (typeName: string, key: string): string => `${typeName}${pascalCase(key)}`;
/** Nested object type of an unlinked Many2one/x2many: `Partner` + `country_id` → `PartnerCountry`. */
export const nestedTypeNameFor = (typeName: string, key: string): string => `${typeName}${pascalCase(fieldNameFor(key, true))}`;

/**
 * Enum value for a selection key: GraphQL enum values must be names, and `true`/`false`/`null` are
 * reserved, so `draft` → `DRAFT`, `to-invoice` → `TO_INVOICE`. The mapping is reversible through the model.
 */
export function enumValueFor(value: string): string {
  const name = value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  const safe = name === '' ? 'EMPTY' : /^[0-9]/.test(name) ? `_${name}` : name;
  return safe === 'TRUE' || safe === 'FALSE' || safe === 'NULL' ? `${safe}_` : safe;
}
