import Database from 'better-sqlite3';
import { householdInputs, openReader, duplicateMemberIds } from './dist/match/householdStream.js';
const db = new Database('/tmp/hedui-bench-assess/ws/hedui.sqlite');
let t = Date.now();
const reader = openReader(db);
let n = 0;
for (const h of householdInputs(reader, 1, { duplicateIds: duplicateMemberIds(db, 1) })) n++;
console.log('full', n, Date.now() - t);
