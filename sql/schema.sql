-- kansrijk database schema, version 1.
-- One SQLite file per region: the delivery ledger, rejected rows and warnings,
-- the reference data, one canonical table per extract type, and the result of
-- linkage (trajectories). No direct identifiers are stored anywhere: clients
-- appear only as the trusted third party's pseudonym, and values of rejected
-- rows are masked before they are written.

-- The delivery ledger: one row per file offered, whatever became of it.
CREATE TABLE levering (
    id              INTEGER PRIMARY KEY,
    type            TEXT NOT NULL,
    organisatie     TEXT,                 -- NULL for reference data
    periode         TEXT,                 -- 2025Q2 or 2025; NULL for reference data
    periode_begin   TEXT,
    periode_eind    TEXT,
    bestand         TEXT NOT NULL,        -- file name without folders
    sha256          TEXT NOT NULL,
    bytes           INTEGER NOT NULL,
    dialect         TEXT,                 -- e.g. "; windows-1252 crlf"
    rows_read       INTEGER NOT NULL DEFAULT 0,
    rows_accepted   INTEGER NOT NULL DEFAULT 0,
    rows_rejected   INTEGER NOT NULL DEFAULT 0,
    rows_skipped    INTEGER NOT NULL DEFAULT 0,
    warnings        INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL CHECK (status IN ('actief', 'vervangen', 'geweigerd', 'ingetrokken')),
    reden           TEXT,                 -- why it was refused (English)
    reden_code      TEXT,
    vervangt        INTEGER REFERENCES levering(id),
    vervangen_door  INTEGER REFERENCES levering(id),
    synthetisch     INTEGER,              -- 1 when the organisation is registered as synthetic
    ingelezen_op    TEXT NOT NULL,
    ingetrokken_op  TEXT,
    eerste_rij      INTEGER,              -- rowid range of its rows in the extract table
    laatste_rij     INTEGER
);
CREATE INDEX levering_identiteit ON levering(type, organisatie, periode, status);
CREATE INDEX levering_hash ON levering(sha256);

-- Rejected rows: one row per problem found (a row may have several).
-- waarde is masked: identifiers show as [verborgen], pseudonyms as 6 characters and …
CREATE TABLE afgewezen (
    id          INTEGER PRIMARY KEY,
    levering_id INTEGER NOT NULL REFERENCES levering(id),
    regel       INTEGER NOT NULL,         -- physical line on which the row starts
    kolom       TEXT,
    waarde      TEXT,
    code        TEXT NOT NULL,
    melding     TEXT NOT NULL,            -- English
    melding_nl  TEXT NOT NULL             -- Dutch, for the partner
);
CREATE INDEX afgewezen_levering ON afgewezen(levering_id);

-- Warnings of accepted deliveries (the row was stored).
CREATE TABLE waarschuwing (
    id          INTEGER PRIMARY KEY,
    levering_id INTEGER NOT NULL REFERENCES levering(id),
    regel       INTEGER,
    kolom       TEXT,
    waarde      TEXT,
    code        TEXT NOT NULL,
    melding     TEXT NOT NULL,
    melding_nl  TEXT NOT NULL
);
CREATE INDEX waarschuwing_levering ON waarschuwing(levering_id);

-- ---- reference data (a new file replaces the whole list) ------------------

CREATE TABLE regios (
    code TEXT PRIMARY KEY, naam TEXT NOT NULL,
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);
CREATE TABLE sites (
    code TEXT PRIMARY KEY, naam TEXT NOT NULL, regio TEXT NOT NULL,
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);
CREATE TABLE gemeenten (
    gemeentecode TEXT PRIMARY KEY, naam TEXT NOT NULL, regio TEXT NOT NULL, opgegaan_in TEXT,
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);
CREATE TABLE organisaties (
    code TEXT PRIMARY KEY, naam TEXT NOT NULL, soort TEXT NOT NULL, lijn INTEGER NOT NULL,
    regio TEXT NOT NULL, site TEXT, synthetisch TEXT NOT NULL DEFAULT 'nee',
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);
CREATE TABLE afspraken (
    organisatie TEXT NOT NULL, type TEXT NOT NULL, vanaf TEXT NOT NULL, tot TEXT,
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);
CREATE TABLE doelen (
    indicator TEXT NOT NULL, regio TEXT, doel REAL NOT NULL, vanaf TEXT NOT NULL,
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);
CREATE TABLE referenties (
    indicator TEXT NOT NULL, periode TEXT NOT NULL, waarde REAL NOT NULL, bron TEXT NOT NULL,
    levering_id INTEGER NOT NULL, regel INTEGER NOT NULL);

-- ---- extracts ---------------------------------------------------------------
-- Every extract row keeps its origin (levering_id, regel) and its record key
-- (sleutel: a 64-bit hash of the delivering organisation and the key columns
-- of EXTRACTS.md). Linkage sets actueel (1 = the latest period's version of
-- its key) and traject_id (NULL = not linked); since schema 7 it no longer
-- does, and sql/migrate_7.sql drops both. Dates are jjjj-mm-dd text.

CREATE TABLE zwangerschap (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT NOT NULL, organisatie TEXT NOT NULL,
    gemeentecode TEXT NOT NULL, leeftijdsklasse TEXT NOT NULL, pariteit TEXT,
    intake_datum TEXT NOT NULL, lijn_intake INTEGER NOT NULL);

CREATE TABLE screening (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT NOT NULL, organisatie TEXT NOT NULL,
    screening_datum TEXT NOT NULL, instrument TEXT NOT NULL, route INTEGER NOT NULL,
    risicofactoren TEXT);

CREATE TABLE zorgepisode (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT NOT NULL, organisatie TEXT NOT NULL,
    lijn INTEGER NOT NULL, start_datum TEXT NOT NULL, eind_datum TEXT, reden TEXT NOT NULL);

CREATE TABLE overdracht (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT, geboortedatum TEXT,
    organisatie TEXT NOT NULL, van_organisatie TEXT NOT NULL, naar_organisatie TEXT NOT NULL,
    soort TEXT NOT NULL, signaleringsdatum TEXT, verzonden_datum TEXT NOT NULL,
    ontvangen_datum TEXT, warm TEXT NOT NULL);

CREATE TABLE mdo (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT NOT NULL, organisatie TEXT NOT NULL,
    aanmelddatum TEXT NOT NULL, bespreekdatum TEXT, regie_type TEXT, regie_organisatie TEXT,
    regie_datum TEXT);

CREATE TABLE bevalling (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    gekozen INTEGER,                      -- 1: the record that counts for its child
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT NOT NULL, geboortedatum TEXT NOT NULL,
    kind_volgnummer INTEGER NOT NULL, organisatie TEXT NOT NULL,
    amenorroeduur_geboorte INTEGER NOT NULL, geboortegewicht INTEGER,
    lijn_begin_baring INTEGER NOT NULL, plaats TEXT, vitaliteit TEXT NOT NULL, overleden_dag INTEGER);

CREATE TABLE jgz_contact (
    id INTEGER PRIMARY KEY, levering_id INTEGER NOT NULL, regel INTEGER NOT NULL,
    sleutel INTEGER NOT NULL, actueel INTEGER, traject_id INTEGER,
    client_pseudoniem TEXT NOT NULL, a_terme_datum TEXT, geboortedatum TEXT,
    kind_volgnummer INTEGER NOT NULL, organisatie TEXT NOT NULL, contact_datum TEXT NOT NULL,
    contactmoment TEXT NOT NULL, status TEXT NOT NULL, reden_uitschrijving TEXT);

-- ---- linkage ------------------------------------------------------------------

-- One row per pregnancy of one client (a trajectory). Rebuilt by linkage.
CREATE TABLE traject (
    id              INTEGER PRIMARY KEY,  -- deterministic: a hash of client and due date
    client_pseudoniem TEXT NOT NULL,
    a_terme_datum   TEXT NOT NULL,
    intake_datum    TEXT,
    intake_organisatie TEXT,
    gemeentecode    TEXT,
    regio           TEXT,                 -- NULL: counts nowhere
    site            TEXT NOT NULL,        -- 'onbekend' when unknown
    geboortedatum   TEXT,                 -- the earliest child's
    kinderen        INTEGER NOT NULL DEFAULT 0,
    records         INTEGER NOT NULL DEFAULT 0);

-- Linkage counts per delivering organisation and extract type.
CREATE TABLE koppeling (
    organisatie TEXT NOT NULL, type TEXT NOT NULL,
    records INTEGER NOT NULL, gekoppeld INTEGER NOT NULL, ongekoppeld INTEGER NOT NULL,
    vervangen INTEGER NOT NULL,           -- older versions of a record key
    PRIMARY KEY (organisatie, type));

-- When linkage last ran, and on which ledger state.
CREATE TABLE koppeling_run (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uitgevoerd_op TEXT NOT NULL,
    peildatum TEXT,
    laatste_levering INTEGER NOT NULL,
    ledger_wijzigingen INTEGER NOT NULL,
    trajecten INTEGER NOT NULL);
