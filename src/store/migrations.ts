/**
 * Workspace schema, versioned with PRAGMA user_version. Append a migration; never edit one that has shipped.
 * Money columns hold integer 分; `area` columns hold hundredths of m²; dates are ISO text; IDs are text.
 * `row_hash` (53-bit hash of a row's normalised values) is deliberately not indexed: DUPLICATE_ROW candidates come
 * from a fixed-size in-memory filter (src/ingest/rowFilter.ts) and are confirmed by value (src/store/rowWriter.ts),
 * which keeps inserts append-only and fast.
 */
export const migrations: readonly string[] = [
  /* 1: batches, files, the row ledger and one table per input kind */ `
  CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL DEFAULT 'open'          -- open | closed
  );
  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    format TEXT NOT NULL,                       -- csv | xlsx
    encoding TEXT,                              -- utf-8 | gb18030 (csv)
    sheet TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    state TEXT NOT NULL,                        -- importing | imported | refused
    refusal_code TEXT,
    refusal_message TEXT,
    refusal_hint TEXT,
    header_line INTEGER,
    unknown_columns TEXT NOT NULL DEFAULT '[]', -- JSON array of header cells that matched no column
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_accepted INTEGER NOT NULL DEFAULT 0,   -- the ledger, refreshed after every import (R1 may move rows later)
    rows_rejected INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX files_batch ON files(batch_id, kind);
  CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    line INTEGER NOT NULL,
    "column" TEXT,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    hint TEXT,
    raw TEXT NOT NULL,
    application_id TEXT                         -- applicants only: lets R1 reject the whole application
  );
  CREATE INDEX rejections_file ON rejections(file_id, line);
  CREATE INDEX rejections_application ON rejections(application_id) WHERE application_id IS NOT NULL;

  CREATE TABLE applicants (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL, raw TEXT NOT NULL,
    application_id TEXT NOT NULL, region_code TEXT, area_type TEXT, program TEXT, application_date TEXT,
    name TEXT NOT NULL, name_norm TEXT NOT NULL,
    id_number TEXT NOT NULL, id_valid INTEGER NOT NULL, id_upgraded INTEGER NOT NULL, id_problem TEXT,
    relation TEXT NOT NULL, authorized INTEGER NOT NULL, excluded_reason TEXT,
    disability_grade TEXT, disability_type TEXT, serious_illness INTEGER NOT NULL, employed INTEGER NOT NULL,
    declared_monthly_income INTEGER, rigid_expense_annual INTEGER, current_recipient INTEGER NOT NULL,
    exempt_plates TEXT,
    is_self INTEGER NOT NULL DEFAULT 0          -- R1: the one 本人 row (or 户主/申请人 when no row says 本人)
  );
  CREATE INDEX applicants_file ON applicants(file_id);
  CREATE INDEX applicants_application ON applicants(batch_id, application_id);

  CREATE TABLE bank (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL,
    id_number TEXT NOT NULL, id_upgraded INTEGER NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
    institution TEXT, asset_type TEXT NOT NULL, account_no TEXT, balance INTEGER, as_of TEXT NOT NULL,
    over_limit INTEGER NOT NULL
  );
  CREATE INDEX bank_file ON bank(file_id);

  CREATE TABLE vehicle (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL,
    id_number TEXT NOT NULL, id_upgraded INTEGER NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
    plate TEXT NOT NULL, plate_norm TEXT NOT NULL, plate_type TEXT, vehicle_type TEXT, use_nature TEXT,
    status TEXT NOT NULL, first_registered TEXT, value INTEGER
  );
  CREATE INDEX vehicle_file ON vehicle(file_id);

  CREATE TABLE realestate (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL,
    id_number TEXT NOT NULL, id_upgraded INTEGER NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
    cert_no TEXT NOT NULL, cert_norm TEXT NOT NULL, location TEXT, usage TEXT NOT NULL, area INTEGER NOT NULL,
    registered TEXT, share_num INTEGER, share_den INTEGER, status TEXT
  );
  CREATE INDEX realestate_file ON realestate(file_id);

  CREATE TABLE income (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL,
    id_number TEXT NOT NULL, id_upgraded INTEGER NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
    category TEXT NOT NULL, item TEXT NOT NULL, amount INTEGER NOT NULL, period_start TEXT NOT NULL,
    period_end TEXT NOT NULL, source TEXT
  );
  CREATE INDEX income_file ON income(file_id);

  CREATE TABLE crossprov (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL,
    id_number TEXT NOT NULL, id_upgraded INTEGER NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
    province TEXT NOT NULL, item TEXT NOT NULL, result TEXT NOT NULL, amount INTEGER, count INTEGER, area INTEGER,
    feedback_date TEXT
  );
  CREATE INDEX crossprov_file ON crossprov(file_id);

  CREATE TABLE death (
    row_id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, file_id INTEGER NOT NULL, line INTEGER NOT NULL,
    row_hash INTEGER NOT NULL,
    id_number TEXT NOT NULL, id_upgraded INTEGER NOT NULL, name TEXT NOT NULL, name_norm TEXT NOT NULL,
    death_date TEXT NOT NULL
  );
  CREATE INDEX death_file ON death(file_id);
  `,
  /* 2: assessment — the run's identity and policy on the batch, one stored result per household, match indexes */ `
  ALTER TABLE batches ADD COLUMN batch_key TEXT;        -- results.json batch_id: sha256(sorted input sha256s, pack sha256, as-of)[:16]
  ALTER TABLE batches ADD COLUMN as_of TEXT;
  ALTER TABLE batches ADD COLUMN policy_file TEXT;
  ALTER TABLE batches ADD COLUMN policy_id TEXT;
  ALTER TABLE batches ADD COLUMN policy_version TEXT;
  ALTER TABLE batches ADD COLUMN policy_sha256 TEXT;
  ALTER TABLE batches ADD COLUMN policy_bytes BLOB;       -- the pack exactly as used, for explain and audits
  CREATE TABLE results (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    application_id TEXT NOT NULL,
    seq INTEGER NOT NULL,                                 -- 1-based, code-point order of application_id (report_no)
    verdict_code TEXT NOT NULL,
    entry TEXT NOT NULL,                                  -- the results.json household object (JSON); the trace is
                                                          -- recomputed on demand (explain, reports) from the stored rows
    PRIMARY KEY (batch_id, application_id)
  );
  CREATE TABLE match_summary (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    kind TEXT NOT NULL,
    rows_accepted INTEGER NOT NULL,
    rows_unmatched INTEGER NOT NULL,                      -- source rows whose ID is nobody's in the batch (kept, never an error)
    PRIMARY KEY (batch_id, kind)
  );
  CREATE INDEX applicants_id ON applicants(batch_id, id_number);
  ALTER TABLE bank ADD COLUMN over_limit_blank INTEGER NOT NULL DEFAULT 0;  -- R9: 是否超限 left blank (≠ 否)
  `,
  /* 3: reports — the workbook rows of each household, streamed back in application_id order into summary.xlsx */ `
  CREATE TABLE workbook_rows (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    sheet TEXT NOT NULL,                                  -- households | members | income | assets | review
    seq INTEGER NOT NULL,                                 -- the household's number (application_id order)
    ord INTEGER NOT NULL,                                 -- the row's position within the household
    cells TEXT NOT NULL,                                  -- JSON array of cells (money in 分)
    PRIMARY KEY (batch_id, sheet, seq, ord)
  ) WITHOUT ROWID;
  ALTER TABLE results ADD COLUMN report_file TEXT;
  ALTER TABLE results ADD COLUMN substituted TEXT;        -- JSON: characters the report fonts could not draw
  -- The run ledger (issue 5): every start of \`hedui batch\`, its arguments, tool version, operator and stage times.
  ALTER TABLE batches ADD COLUMN run_args TEXT;           -- JSON of the arguments a resume must repeat
  ALTER TABLE batches ADD COLUMN inputs TEXT;             -- JSON [{name, kind, sha256}] planned at the start
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    started TEXT NOT NULL,                                -- wall clock: the ledger only, never an output
    finished TEXT,
    state TEXT NOT NULL,                                  -- running | done | stopped | failed
    resumed INTEGER NOT NULL DEFAULT 0,
    operator TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    stages TEXT NOT NULL DEFAULT '{}'                     -- JSON {stage: seconds}
  );
  `,
  /* 4: the output ledger — the SHA-256 of every file a run wrote, for `hedui verify` (issue 6) */ `
  CREATE TABLE outputs (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    path TEXT NOT NULL,                                   -- absolute path as written
    name TEXT NOT NULL,                                   -- path relative to the output folder (reports/H1.pdf)
    kind TEXT NOT NULL,                                   -- results | workbook | report | rejected | manifest
    sha256 TEXT NOT NULL,
    application_id TEXT,                                  -- reports only
    PRIMARY KEY (batch_id, path)
  );
  CREATE INDEX outputs_sha ON outputs(sha256);
  -- Review dispositions (issue 6): keyed by a fingerprint of (member ID, kind, natural key), so they survive renamed
  -- files and apply in this and later batches; the latest recorded disposition of a fingerprint wins.
  CREATE TABLE dispositions (
    fingerprint TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    disposition TEXT NOT NULL,                            -- 确认 | 无效匹配 | 需入户核查
    note TEXT,
    operator TEXT NOT NULL,
    recorded_at TEXT NOT NULL,                            -- wall clock: the ledger only, never an output
    source_file TEXT
  );
  `,
  /* 5: the match cache (src/match/matchCache.ts) — each household's matched rows, routed once at import */ `
  CREATE TABLE match_cache (
    batch_id INTEGER PRIMARY KEY,
    signature TEXT NOT NULL,                              -- the batch's files and counts the cache was built from
    households INTEGER NOT NULL,
    per_bucket INTEGER NOT NULL,
    provisional BLOB NOT NULL,                            -- Int32 per household: its number in the buckets' numbering
    removed TEXT NOT NULL,                                -- JSON [[file_id, line]]: routed source rows moved out since
    parts BLOB NOT NULL,                                  -- Float64 triples (bucket, offset, length) into the cache file
    bytes INTEGER NOT NULL                                -- the cache file's size
  );
  `,
];
