/** The federation directive definitions a plain graphql-js schema needs to accept our SDL. */
export const FEDERATION_DIRECTIVES = `
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
directive @link(url: String!, import: [String]) repeatable on SCHEMA
`;
