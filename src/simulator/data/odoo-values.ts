/** Odoo's JSON value conventions (shared/bjet-api.md, "Values"). */

/** `YYYY-MM-DD HH:MM:SS` in UTC, no `T`, no offset. */
export function formatDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD` in UTC. */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Monetary amounts are rounded to the currency's 2 decimals. */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

export const DATETIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Seeded records date from this instant onwards so that the dataset does not depend on the clock. */
export const DATASET_EPOCH_MS = Date.UTC(2024, 0, 1);
