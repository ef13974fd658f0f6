-- kansrijk database schema, version 2: the trajectory facts.
-- One row per trajectory with everything the indicators need, rebuilt by
-- `kansrijk compute` as of its peildatum (sql/feiten.sql). Dates are jjjj-mm-dd.

ALTER TABLE traject ADD COLUMN zwangerschap_id INTEGER;  -- the zwangerschap row that leads (earliest intake)

CREATE TABLE feit_traject (
    traject_id          INTEGER PRIMARY KEY,
    regio               TEXT,
    site                TEXT NOT NULL,
    gemeentecode        TEXT,
    leeftijdsklasse     TEXT,
    pariteit            TEXT,
    intake_datum        TEXT,          -- NULL: no zwangerschap row (counts in no intake cohort)
    a_terme_datum       TEXT NOT NULL,
    geboortedatum       TEXT,          -- the earliest child's, when born by the peildatum
    kinderen            INTEGER NOT NULL,
    eerste_screening    TEXT,          -- the first screening before birth
    route_signalering   INTEGER,       -- its route
    route               INTEGER,       -- the highest route before birth; NULL: not screened
    signalering_2       TEXT,          -- the first screening with route 2 or higher
    signalering_3       TEXT,          -- the first screening with route 3
    jgz_verzonden       TEXT,          -- the earliest jgz_prenataal handover sent
    bespreekdatum       TEXT,          -- the earliest MDO discussion
    regie_datum         TEXT,          -- the earliest case direction
    regie_type          TEXT,          -- its type; 'onbekend' when several differ on that date
    huisbezoek_prenataal INTEGER NOT NULL, -- a held prenataal_huisbezoek before birth
    lijn_begin_baring   INTEGER,       -- of the child with the lowest kind_volgnummer
    psychosociaal_klinisch INTEGER NOT NULL -- a line-2/3 episode for psychosocial reasons before birth
);

-- When compute last ran.
CREATE TABLE compute_run (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uitgevoerd_op TEXT NOT NULL,
    peildatum TEXT NOT NULL,
    trajecten INTEGER NOT NULL);
