-- kansrijk database schema, version 4: the whole outcome set.
-- The trajectory facts gain what the line, follow-up and data-quality
-- indicators need; the outcome table gains the target and the status of each
-- row; the Kaplan-Meier curves of follow-up get their own table
-- (`kansrijk export --curves`), already cut where fewer than the minimum cell are at risk.

ALTER TABLE feit_traject ADD COLUMN zorgdagen_1 INTEGER;     -- care-days in line 1 (lijn.eerste_lijn_dagen)
ALTER TABLE feit_traject ADD COLUMN zorgdagen INTEGER;       -- care-days in all lines
ALTER TABLE feit_traject ADD COLUMN risicofactoren TEXT;     -- at any screening before birth, |-separated
ALTER TABLE feit_traject ADD COLUMN jgz_gekoppeld INTEGER;   -- any JGZ record linked

ALTER TABLE uitkomst ADD COLUMN doel REAL;                   -- the target in the indicator's unit (doelen, else the default)
ALTER TABLE uitkomst ADD COLUMN status TEXT;                 -- groen, oranje, rood, grijs; NULL without a target

CREATE TABLE uitkomst_curve (
    indicator   TEXT NOT NULL,
    regio       TEXT NOT NULL,
    site        TEXT NOT NULL,
    groep       TEXT NOT NULL,
    groepwaarde TEXT NOT NULL,
    periode     TEXT NOT NULL,        -- the birth cohort
    t           INTEGER NOT NULL,     -- days
    at_risk     INTEGER NOT NULL,
    s           REAL NOT NULL,        -- S(t) in %
    ci_laag     REAL,
    ci_hoog     REAL,
    PRIMARY KEY (indicator, regio, site, groep, groepwaarde, periode, t));
