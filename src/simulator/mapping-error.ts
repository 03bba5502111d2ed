/** The documented body of a failure while processing a mapping line: `{error, line_id, status_code}`. */
export type MappingErrorCode =
  'MISSING_REQUIRED_FIELD' | 'RELATED_RECORD_NOT_FOUND' | 'INVALID_VALUE' | 'INVALID_MANY2ONE_FORM' | 'DUPLICATE_IDENTIFIER' | 'INTERNAL_ERROR';

export interface MappingError {
  readonly error: string;
  /** The external key of the mapping line that failed (`order_line.product_id` inside a line). */
  readonly line_id: string;
  readonly status_code: MappingErrorCode;
}

export function mappingError(lineId: string, code: MappingErrorCode, error: string): MappingError {
  return { error, line_id: lineId, status_code: code };
}
