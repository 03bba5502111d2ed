/**
 * A configured relation: the upstream embeds objects (Many2one) or arrays of objects (x2many) built
 * from the child configuration's keys; which of those keys it embeds decides what costs no REST call.
 */
import { isRecord } from '../shared/guards.js';
import { presentCategories, type ValueStats } from './collect-value-stats.js';
import type { InferContext } from './infer-context.js';
import type { InferredShape } from './infer-fields.js';

export function inferRelation(key: string, endpoint: string, stats: ValueStats, ctx: InferContext): InferredShape {
  const target = ctx.targets.get(endpoint);
  const path = `endpoints.${ctx.endpoint}.relations.${key}`;
  if (target === undefined) {
    ctx.issues.push({ path, message: `unknown endpoint \`${endpoint}\`` });
    return { list: false, value: { kind: 'scalar', scalar: 'JSON' } };
  }
  const categories = presentCategories(stats);
  const embedded = [...stats.objects, ...stats.arrays.flat().filter(isRecord)];
  const leaves = stats.arrays.flat().length - stats.arrays.flat().filter(isRecord).length;
  if (categories.some((category) => category !== 'object' && category !== 'array') || leaves > 0) {
    ctx.issues.push({ path, message: `the upstream sends \`${key}\` as something other than embedded objects: remove the relation` });
  }
  if (categories.length > 1) {
    ctx.issues.push({ path, message: `the upstream sends \`${key}\` both as an object and as a list: remove the relation` });
  }
  const keys = new Set(embedded.flatMap((object) => Object.keys(object)));
  if (embedded.length > 0 && !keys.has(target.idKey)) {
    ctx.issues.push({
      path,
      message: `the embedded \`${key}\` objects lack \`${target.idKey}\`, the identifier of \`${endpoint}\`: map it in the child configuration or remove the relation`,
    });
  }
  if (keys.size === 0) keys.add(target.idKey);
  // With no sample at all, Odoo's naming convention is the best guess for the cardinality.
  const list = stats.arrays.length > 0 || (stats.objects.length === 0 && /_ids$/.test(key));
  return { list, value: { kind: 'relation', endpoint, typeName: target.typeName, embeddedKeys: [...keys].sort() } };
}
