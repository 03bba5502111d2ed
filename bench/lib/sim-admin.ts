/** The simulator's admin routes (`--admin`), read from the bench process between runs. */

export interface SimAdmin {
  /** REST requests served since the last clear (admin requests are not recorded). */
  countRecords(): Promise<number>;
  clearRecords(): Promise<void>;
  /** Back to the seeded dataset (bounds the growth a mutation run causes). */
  resetData(): Promise<void>;
}

export function createSimAdmin(origin: string): SimAdmin {
  const send = async (method: string, route: string): Promise<unknown> => {
    const response = await fetch(`${origin}/__sim/${route}`, { method });
    if (!response.ok) throw new Error(`simulator admin ${method} ${route}: ${response.status}`);
    return response.json();
  };
  return {
    async countRecords() {
      const body = await send('GET', 'records');
      const records = body !== null && typeof body === 'object' && 'records' in body ? body.records : null;
      if (!Array.isArray(records)) throw new Error('simulator admin: GET records has no records array');
      return records.length;
    },
    async clearRecords() {
      await send('DELETE', 'records');
    },
    async resetData() {
      await send('POST', 'reset-data');
    },
  };
}
