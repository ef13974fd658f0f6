-- kansrijk database schema, version 3: the outcome table.
-- One row per indicator x region x site x breakdown x period, as OUTCOMES.md
-- describes. teller, noemer, waarde and the interval are null where the row is
-- suppressed; the raw counts stay in teller_ruw and noemer_ruw for the
-- coordinator's audit and never leave the database.
CREATE TABLE uitkomst (
    indicator   TEXT NOT NULL,
    regio       TEXT NOT NULL,        -- '*' for all regions together
    site        TEXT NOT NULL,        -- '*' for all sites of the region
    groep       TEXT NOT NULL,        -- totaal, route, gemeente, leeftijdsklasse, pariteit
    groepwaarde TEXT NOT NULL,        -- '' for totaal
    periode     TEXT NOT NULL,        -- 2025Q2 or 2025
    teller      INTEGER,
    noemer      INTEGER,
    waarde      REAL,
    ci_laag     REAL,
    ci_hoog     REAL,
    onderdrukt  TEXT NOT NULL,        -- '', '<10' or 'n<10'
    eenheid     TEXT NOT NULL,
    voorlopig   INTEGER NOT NULL,
    teller_ruw  INTEGER NOT NULL,
    noemer_ruw  INTEGER NOT NULL,
    PRIMARY KEY (indicator, regio, site, groep, groepwaarde, periode));
