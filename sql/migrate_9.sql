-- kansrijk database schema, version 9: each published table whole.
-- `gepubliceerd` keeps every count that left the database once, whatever table it was in; that
-- protects a row against its own earlier counts. But a reader who lays two whole tables side by
-- side also subtracts sums: where the age classes of a year are hidden in both tables, the year's
-- total minus the shown classes gives what the hidden classes hold together, in each table, and
-- the difference says how many persons came into those classes between the two ("9 more preterm
-- births among the hidden ages"). To audit that difference, compute needs each published table as
-- it was: every row, with its shown counts or the counts a reader works out of a hidden one, per
-- table; a row a table does not hold had no persons in it (docs/privacy.md, "Eerder gepubliceerd"). A table is the result of one compute (compute_run.berekening, counted
-- up by every compute); exporting or reporting it again adds nothing.
ALTER TABLE compute_run ADD COLUMN berekening INTEGER NOT NULL DEFAULT 0;
-- What a reader of the table knows of a hidden row beyond an exact count: the bounds the audit
-- narrows it to (hoog -1: none). uitkomst_afgeleid now holds every hidden row with a bound; its
-- teller and noemer stay the exact counts (-1: not exact).
ALTER TABLE uitkomst_afgeleid ADD COLUMN teller_laag INTEGER NOT NULL DEFAULT 0;
ALTER TABLE uitkomst_afgeleid ADD COLUMN teller_hoog INTEGER NOT NULL DEFAULT -1;
ALTER TABLE uitkomst_afgeleid ADD COLUMN noemer_laag INTEGER NOT NULL DEFAULT 0;
ALTER TABLE uitkomst_afgeleid ADD COLUMN noemer_hoog INTEGER NOT NULL DEFAULT -1;
CREATE TABLE publicatie (
    berekening      INTEGER PRIMARY KEY,  -- compute_run.berekening of the compute that made the table
    peildatum       TEXT NOT NULL,
    gepubliceerd_op TEXT NOT NULL);       -- when it was first exported or reported (UTC)
CREATE TABLE publicatie_rij (
    berekening  INTEGER NOT NULL REFERENCES publicatie (berekening),
    indicator   TEXT NOT NULL,
    regio       TEXT NOT NULL,
    site        TEXT NOT NULL,
    groep       TEXT NOT NULL,
    groepwaarde TEXT NOT NULL,
    periode     TEXT NOT NULL,
    teller      INTEGER NOT NULL,         -- -1: none, or not known to a reader
    noemer      INTEGER NOT NULL,
    afgeleid    INTEGER NOT NULL,         -- 0 shown; 1 hidden (its counts: what a reader works out, or -1)
    teller_laag INTEGER NOT NULL,         -- what a reader knows of the counts: between laag and hoog
    teller_hoog INTEGER NOT NULL,         -- (-1: no bound above); a shown count twice
    noemer_laag INTEGER NOT NULL,
    noemer_hoog INTEGER NOT NULL,
    teller_ruw  INTEGER,                  -- the raw counts then (never published; as in uitkomst): which
    noemer_ruw  INTEGER,                  -- relations held in that table
    PRIMARY KEY (berekening, indicator, regio, site, groep, groepwaarde, periode)) WITHOUT ROWID;
