-- kansrijk database schema, version 8: what has been published.
-- Two tables of different peildatums side by side give away what changed between them: a year
-- that grew from 25 to 27 perinatal deaths says 2 deaths in the quarter that was added, even
-- where that quarter is hidden (docs/privacy.md, "Eerder gepubliceerd"). So every row that
-- `kansrijk export` or `kansrijk report` lets out of the database is kept here with the counts it
-- showed, and compute hides a row whose teller, noemer or rest now lies 1 to 9 persons from a
-- count published before, and audits the hidden rows against those counts. Only shown counts are
-- kept: what was published anyway, never a raw or suppressed count. A row shown with the same
-- counts again is kept once; -1 stands for none (a count's noemer, a quantile row's teller).
CREATE TABLE gepubliceerd (
    indicator   TEXT NOT NULL,
    regio       TEXT NOT NULL,
    site        TEXT NOT NULL,
    groep       TEXT NOT NULL,
    groepwaarde TEXT NOT NULL,
    periode     TEXT NOT NULL,
    teller      INTEGER NOT NULL,
    noemer      INTEGER NOT NULL,
    afgeleid    INTEGER NOT NULL,     -- 0 shown; 1 hidden but worked out by a reader (uitkomst_afgeleid)
    peildatum   TEXT NOT NULL,        -- of the first table that showed these counts
    gepubliceerd_op TEXT NOT NULL,    -- when that table was first exported or reported (UTC)
    PRIMARY KEY (indicator, regio, site, groep, groepwaarde, periode, teller, noemer)) WITHOUT ROWID;
-- A hidden row's teller or noemer that a reader of the whole table can work out exactly (the audit's
-- knowledge after the last round; -1: not): published as much as a shown count, so export and
-- report record these too. Replaced by every compute, with uitkomst.
CREATE TABLE uitkomst_afgeleid (
    indicator   TEXT NOT NULL,
    regio       TEXT NOT NULL,
    site        TEXT NOT NULL,
    groep       TEXT NOT NULL,
    groepwaarde TEXT NOT NULL,
    periode     TEXT NOT NULL,
    teller      INTEGER NOT NULL,
    noemer      INTEGER NOT NULL,
    PRIMARY KEY (indicator, regio, site, groep, groepwaarde, periode)) WITHOUT ROWID;
