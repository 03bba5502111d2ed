/**
 * The names of the change feed's schema, beside naming.ts (the one naming module: fold these into
 * it when the two are next edited together).
 */
/** The enum of change kinds shared by every endpoint. */
export const CHANGE_KIND_ENUM = 'ChangeKind';
/** `Partner` → `PartnerChange`: the event a subscription yields. */
export const changeTypeNameFor = (typeName: string): string => `${typeName}Change`;
/** From the endpoint's query fields (so they never collide where those do not): `partner` → `partnerChanged(id: ID!)`. */
export const recordChangedFieldFor = (singleField: string): string => `${singleField}Changed`;
/** `partners` → `partnersChanged(filter: PartnerFilter)`. */
export const listChangedFieldFor = (listField: string): string => `${listField}Changed`;
