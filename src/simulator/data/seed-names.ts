/** Word lists the seeded dataset draws from. */

/** [name, ISO code, phone code] */
export const COUNTRIES: readonly (readonly [string, string, number])[] = [
  ['Argentina', 'AR', 54], ['Australia', 'AU', 61], ['Austria', 'AT', 43], ['Belgium', 'BE', 32],
  ['Brazil', 'BR', 55], ['Canada', 'CA', 1], ['Chile', 'CL', 56], ['China', 'CN', 86],
  ['Colombia', 'CO', 57], ['Czech Republic', 'CZ', 420], ['Denmark', 'DK', 45], ['Egypt', 'EG', 20],
  ['Finland', 'FI', 358], ['France', 'FR', 33], ['Germany', 'DE', 49], ['Greece', 'GR', 30],
  ['Hungary', 'HU', 36], ['India', 'IN', 91], ['Indonesia', 'ID', 62], ['Ireland', 'IE', 353],
  ['Israel', 'IL', 972], ['Italy', 'IT', 39], ['Japan', 'JP', 81], ['Kenya', 'KE', 254],
  ['Luxembourg', 'LU', 352], ['Mexico', 'MX', 52], ['Morocco', 'MA', 212], ['Netherlands', 'NL', 31],
  ['New Zealand', 'NZ', 64], ['Nigeria', 'NG', 234], ['Norway', 'NO', 47], ['Poland', 'PL', 48],
  ['Portugal', 'PT', 351], ['Singapore', 'SG', 65], ['South Africa', 'ZA', 27], ['Spain', 'ES', 34],
  ['Sweden', 'SE', 46], ['Switzerland', 'CH', 41], ['United Kingdom', 'GB', 44], ['United States', 'US', 1],
];

export const COMPANY_WORDS = [
  'Azure', 'Deco', 'Gemini', 'Lumber', 'Ready', 'Wood', 'Nova', 'Vertex', 'Pioneer', 'Summit', 'Harbor',
  'Cedar', 'Atlas', 'Bright', 'Crest', 'Delta', 'Echo', 'Falcon', 'Granite', 'Horizon', 'Iris', 'Jade',
];
export const COMPANY_SUFFIXES = ['Interior', 'Addict', 'Furniture', 'Inc', 'Mat', 'Corner', 'Studio', 'Works', 'Supply', 'Group', 'Trading', 'Partners'];
export const FIRST_NAMES = [
  'Marc', 'Lucille', 'Brandon', 'Colleen', 'Douglas', 'Edwin', 'Floyd', 'Gemma', 'Addison', 'Toni', 'Kim',
  'Jesse', 'Nina', 'Oscar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Ursula', 'Victor', 'Wendy', 'Yuki',
];
export const LAST_NAMES = [
  'Demo', 'Campbell', 'Freeman', 'Diaz', 'Fletcher', 'Hansen', 'Williams', 'Olson', 'Rhodes', 'Gordon',
  'Baker', 'Nguyen', 'Okafor', 'Silva', 'Rossi', 'Kowalski', 'Schmidt', 'Dubois', 'Tanaka', 'Murphy',
];
export const STREET_NAMES = ['Main Street', 'Oak Avenue', 'Market Road', 'Station Lane', 'Park Drive', 'Mill Road', 'River Street', 'Hill Way'];
export const CITIES = ['Springfield', 'Riverside', 'Fairview', 'Madison', 'Georgetown', 'Clinton', 'Salem', 'Franklin', 'Bristol', 'Dover', 'Ashland', 'Milton'];

/** [name, parent index or -1, product code prefix or null when no products] */
export const CATEGORIES: readonly (readonly [string, number, string | null])[] = [
  ['All', -1, null], ['Saleable', 0, null], ['Expenses', 0, 'EXP'], ['Internal', 0, 'INT'],
  ['Office Furniture', 1, 'FURN'], ['Desks', 4, 'DESK'], ['Chairs', 4, 'CHAIR'], ['Storage', 4, 'STOR'],
  ['Lighting', 1, 'LIGHT'], ['Electronics', 1, 'ELEC'], ['Computers', 9, 'COMP'], ['Accessories', 9, 'ACC'],
  ['Services', 1, 'SERV'], ['Consulting', 12, 'CONS'], ['Deliveries', 0, 'DELIV'],
];

/** [name, uom_type, ratio] */
export const UOMS: readonly (readonly [string, 'reference' | 'bigger' | 'smaller', number])[] = [
  ['Units', 'reference', 1], ['Dozens', 'bigger', 12], ['Pack of 6', 'bigger', 6], ['kg', 'reference', 1],
  ['g', 'smaller', 1000], ['t', 'bigger', 1000], ['Hours', 'reference', 1], ['Days', 'bigger', 8],
  ['m', 'reference', 1], ['cm', 'smaller', 100], ['L', 'reference', 1], ['mL', 'smaller', 1000],
];

export const TAGS = ['New', 'Sale', 'Eco', 'Premium', 'Bestseller', 'Clearance', 'Imported', 'Handmade', 'Bundle', 'Seasonal'];
export const PRODUCT_ADJECTIVES = ['Large', 'Compact', 'Ergonomic', 'Modular', 'Classic', 'Smart', 'Wireless', 'Steel', 'Oak', 'Deluxe', 'Portable', 'Foldable'];
export const PRODUCT_NOUNS: Readonly<Record<string, readonly string[]>> = {
  EXP: ['Travel Expense', 'Meal Expense', 'Mileage'], INT: ['Office Supply', 'Spare Part', 'Toner'],
  FURN: ['Cabinet', 'Shelf', 'Table', 'Bench'], DESK: ['Desk', 'Standing Desk', 'Desk Combination'],
  CHAIR: ['Chair', 'Stool', 'Armchair'], STOR: ['Drawer', 'Locker', 'Box'], LIGHT: ['Lamp', 'LED Panel', 'Spotlight'],
  ELEC: ['Monitor', 'Speaker', 'Webcam'], COMP: ['Laptop', 'Workstation', 'Tablet'], ACC: ['Mouse', 'Keyboard', 'Cable', 'Headset'],
  SERV: ['Installation', 'Maintenance', 'Support Plan'], CONS: ['Consulting Day', 'Audit', 'Training'], DELIV: ['Delivery', 'Express Delivery'],
};
