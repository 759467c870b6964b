/** `npm run tz:generate`: writes tzdb.json, the accepted time zone names, from the pinned packages. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { timeZoneTableFromPackages } from './build-table.ts';

const path = fileURLToPath(new URL('./tzdb.json', import.meta.url));
const table = timeZoneTableFromPackages();
writeFileSync(path, `${JSON.stringify(table, null, 2)}\n`);
console.log(`wrote schemas/time-zones/tzdb.json: ${Object.keys(table.zones).length} names`);
