-- Official statistics the claims are held against. These are datasets, not records: no row
-- here is a claim extracted from reporting, and none is about an individual.

-- One row per file imported; a file seen before (same kind, same bytes) is not imported again.
CREATE TABLE official_imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                -- ice-detention-stats, ice-posted-daily, ddp-arrests, ddp-weekly-arrests
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    edition TEXT,                      -- the workbook's edition date, when the kind has editions
    rows INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    UNIQUE (kind, sha256)
);

-- ICE detentionStats workbooks, every table of the Detention sheet, tidy. NULL in a dimension
-- column means the table has no such dimension; 'total' means the table's own total row or
-- column. Table slugs are documented in official/detention_tables.py.
CREATE TABLE detention_stats (
    edition TEXT NOT NULL,             -- YYYY-MM-DD
    fiscal_year INTEGER NOT NULL,
    "table" TEXT NOT NULL,
    agency TEXT,                       -- ICE, CBP, total
    criminality TEXT,                  -- convicted, pending_charges, other_violator, total
    facility_type TEXT,                -- adult, fsc, total
    release_reason TEXT,               -- book-outs only, snake_case of ICE's wording
    breakdown TEXT,                    -- any other row label (disposition, parole status, facility)
    month TEXT,                        -- YYYY-MM, NULL for a fiscal-year total or a snapshot
    value REAL NOT NULL,
    title TEXT NOT NULL                -- the table's title as printed in this edition
);
CREATE UNIQUE INDEX detention_stats_cell ON detention_stats (
    edition, fiscal_year, "table", COALESCE(agency, ''), COALESCE(criminality, ''),
    COALESCE(facility_type, ''), COALESCE(release_reason, ''), COALESCE(breakdown, ''),
    COALESCE(month, ''));
CREATE INDEX detention_stats_table ON detention_stats ("table", month);

-- The value of every cell in the newest edition that has it.
CREATE VIEW detention_stats_latest AS
SELECT s.* FROM detention_stats s
WHERE s.edition = (
    SELECT MAX(t.edition) FROM detention_stats t
    WHERE t.fiscal_year = s.fiscal_year AND t."table" = s."table"
      AND COALESCE(t.agency, '') = COALESCE(s.agency, '')
      AND COALESCE(t.criminality, '') = COALESCE(s.criminality, '')
      AND COALESCE(t.facility_type, '') = COALESCE(s.facility_type, '')
      AND COALESCE(t.release_reason, '') = COALESCE(s.release_reason, '')
      AND COALESCE(t.breakdown, '') = COALESCE(s.breakdown, '')
      AND COALESCE(t.month, '') = COALESCE(s.month, ''));

-- The Facilities sheet: one row per facility per edition (populations are fiscal-year ADP).
CREATE TABLE detention_facilities (
    edition TEXT NOT NULL,
    fiscal_year INTEGER NOT NULL,
    data_pulled TEXT,                  -- "Data Source: ... IIDS, MM/DD/YYYY", as ISO
    name TEXT NOT NULL,
    address TEXT,
    city TEXT,
    state TEXT,
    zip TEXT,
    aor TEXT,                          -- ICE's three-letter area code (DEN, CHI, ...)
    facility_type TEXT,                -- "Type Detailed": IGSA, DIGSA, CDF, SPC, USMS IGA, BOP, ...
    gender TEXT,
    alos REAL,
    adp_level_a REAL, adp_level_b REAL, adp_level_c REAL, adp_level_d REAL,
    adp_male_crim REAL, adp_male_noncrim REAL, adp_female_crim REAL, adp_female_noncrim REAL,
    adp_threat_level_1 REAL, adp_threat_level_2 REAL, adp_threat_level_3 REAL, adp_no_threat_level REAL,
    adp_mandatory REAL,
    guaranteed_minimum REAL,
    last_inspection_type TEXT,
    last_inspection_end_date TEXT,
    last_inspection_standard TEXT,
    last_final_rating TEXT
);
CREATE UNIQUE INDEX detention_facilities_row ON detention_facilities (edition, name, COALESCE(address, ''));

-- What ICE posted publicly, day by day: ICE's own claims, each with where it was read.
CREATE TABLE ice_posted_daily (
    date TEXT PRIMARY KEY,
    weekday TEXT,
    arrests REAL,
    detainers_lodged REAL,
    source_note TEXT,
    source_url TEXT,
    import_id INTEGER REFERENCES official_imports(id)
);

-- FOIA "ERO Admin Arrests" records (Deportation Data Project), reduced to counts:
-- duplicate_likely rows dropped, grouped by day, area of responsibility, state, criminality.
CREATE TABLE foia_arrests_daily (
    date TEXT NOT NULL,
    aor TEXT NOT NULL,                 -- canonical area name (official/aor.py), '' when missing
    state TEXT NOT NULL,               -- USPS code, '' when missing
    criminality TEXT NOT NULL,         -- convicted, pending_charges, other_violator, unknown
    arrests INTEGER NOT NULL,
    import_id INTEGER REFERENCES official_imports(id),
    PRIMARY KEY (date, aor, state, criminality)
);
CREATE INDEX foia_arrests_daily_aor ON foia_arrests_daily (aor, date);

-- Weekly FOIA arrest counts by conviction, as the Deportation Data Project publishes them.
CREATE TABLE foia_arrests_weekly (
    week_start TEXT PRIMARY KEY,
    week_end TEXT NOT NULL,
    arrests_total REAL NOT NULL,
    with_conviction REAL,
    without_conviction REAL,
    share_without_conviction REAL,
    source TEXT NOT NULL,
    import_id INTEGER REFERENCES official_imports(id)
);
