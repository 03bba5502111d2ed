/** The scalar a set of non-empty leaf samples fits, with Odoo's date formats. */
import type { ScalarName } from '../model/source-model.js';
import { presentCategories, type ValueStats } from './collect-value-stats.js';

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ScalarShape {
  readonly scalar: ScalarName;
  /** An empty string stands for "no value" (only in Date and DateTime fields). */
  readonly emptyMeansNull: boolean;
}

/** Null when the samples are not all leaves of one kind (objects, arrays, or mixed). */
export function inferScalar(stats: ValueStats): ScalarShape | null {
  const categories = presentCategories(stats);
  if (categories.length === 0) return { scalar: 'String', emptyMeansNull: false };
  if (categories.length > 1) return null;
  switch (categories[0]) {
    case 'boolean':
      return { scalar: 'Boolean', emptyMeansNull: false };
    case 'number':
      return { scalar: stats.floats.length > 0 ? 'Float' : 'Int', emptyMeansNull: false };
    case 'string':
      return inferStringScalar(stats.strings);
    case undefined: // not reached: exactly one category, checked above
    default: // 'object', 'array': not a leaf
      return null;
  }
}

function inferStringScalar(strings: readonly string[]): ScalarShape {
  const nonEmpty = strings.filter((text) => text !== '');
  const hasEmpty = nonEmpty.length < strings.length;
  if (nonEmpty.length > 0 && nonEmpty.every((text) => DATETIME.test(text))) return { scalar: 'DateTime', emptyMeansNull: hasEmpty };
  if (nonEmpty.length > 0 && nonEmpty.every((text) => DATE.test(text))) return { scalar: 'Date', emptyMeansNull: hasEmpty };
  return { scalar: 'String', emptyMeansNull: false };
}
