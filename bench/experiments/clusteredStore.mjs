// Experiment (session 9, issue 3), not product code: what would a source store clustered by ID, with each row's cells
// stored pre-encoded as the JSON array the second match pass wants, give the match? It adds that store to a COPY of a
// bench workspace, prints what import would pay for it (build seconds, database size), then reads the source rows of
// the first 50,000 households chunk by chunk (100 households, their members' IDs) with no plan at all.
//
//   npm run bench:assess -- --keep --dir /tmp/ba          # makes /tmp/ba/ws/hedui.sqlite
//   cp /tmp/ba/ws/hedui.sqlite /tmp/copy.sqlite && node bench/experiments/clusteredStore.mjs /tmp/copy.sqlite
//
// The copy is modified (tables c_<kind> added); the workspace itself is never opened.
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/experiments/clusteredStore.mjs <copy of a bench workspace .sqlite>');
const kinds = {
  bank: 'name,name_norm,institution,asset_type,account_no,balance,as_of,over_limit,over_limit_blank',
  vehicle: 'name,name_norm,plate,plate_norm,plate_type,vehicle_type,use_nature,status,first_registered,value',
  realestate: 'name,name_norm,cert_no,cert_norm,location,usage,area,registered,share_num,share_den,status',
  income: 'name,name_norm,category,item,amount,period_start,period_end,source',
  crossprov: 'name,name_norm,province,item,result,amount,count,area,feedback_date',
  death: 'name,name_norm,death_date',
};
const mb = () => (statSync(file).size / 1e6).toFixed(0);

const db = new Database(file);
db.pragma('journal_mode = WAL');
const sizeBefore = mb();
const built = performance.now();
for (const [kind, cols] of Object.entries(kinds)) {
  const cells = cols.split(',').map((c) => (c === 'name' ? 'iif(name = name_norm, NULL, name)' : c)).join(', ');
  db.exec(`DROP TABLE IF EXISTS c_${kind};
    CREATE TABLE c_${kind} (batch_id INTEGER NOT NULL, id_number TEXT NOT NULL, row_id INTEGER NOT NULL, cells TEXT NOT NULL,
      PRIMARY KEY (batch_id, id_number, row_id)) WITHOUT ROWID;
    INSERT INTO c_${kind} SELECT batch_id, id_number, row_id, json_array(${cells}, file_id, line, row_id) FROM ${kind}
      ORDER BY batch_id, id_number, row_id;`);
}
db.pragma('wal_checkpoint(TRUNCATE)');
console.log(`build ${((performance.now() - built) / 1000).toFixed(2)} s; database ${sizeBefore} → ${mb()} MB`);
db.close();

const reader = new Database(file, { readonly: true });
reader.pragma('cache_size = -16384'); // as the match's readers (src/match/householdStream.ts openReader)
const batchId = reader.prepare('SELECT MAX(batch_id) FROM applicants').pluck().get();
const households = [];
let last = null;
for (const [app, id, valid] of reader.prepare('SELECT application_id, id_number, id_valid FROM applicants WHERE batch_id = ? ORDER BY application_id').raw().all(batchId)) {
  if (app !== last) households.push([]);
  last = app;
  if (valid === 1) households.at(-1).push(id);
}
const reads = Object.keys(kinds).map((kind) =>
  reader.prepare(`SELECT '[' || group_concat(cells, ',') || ']' FROM c_${kind} WHERE batch_id = ? AND id_number IN (SELECT value FROM json_each(?))`).pluck(),
);
for (let pass = 1; pass <= 3; pass++) {
  let sql = 0;
  let parse = 0;
  let rows = 0;
  for (let h = 0; h < Math.min(50000, households.length); h += 100) {
    const ids = JSON.stringify(households.slice(h, h + 100).flat());
    for (const read of reads) {
      let t = performance.now();
      const text = read.get(batchId, ids);
      sql += performance.now() - t;
      t = performance.now();
      if (text !== null) rows += JSON.parse(text).length;
      parse += performance.now() - t;
    }
  }
  console.log(`pass ${pass}: ${Math.min(50000, households.length)} households, ${rows} source rows: SQLite ${(sql / 1000).toFixed(2)} s + JSON.parse ${(parse / 1000).toFixed(2)} s`);
}
