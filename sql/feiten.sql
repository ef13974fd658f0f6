-- The reads behind the trajectory facts: one pass over each table, in this
-- order. Every extract row is read into memory (engine/facts_read.c, on a
-- connection of its own beside linkage's read); engine/facts.c folds the rows
-- into one row of facts per trajectory, the trajectories as linkage handed them over.
-- The first column of every extract read is the rowid: linkage's answer, handed over in memory
-- (core/links.h), says which records count — the current version of each
-- record, linked to a trajectory (records dated after the peildatum are never
-- linked), and of bevalling the record chosen for each child — and to which
-- trajectory each belongs. The other rows are skipped. ORDER BY id costs
-- nothing on a rowid table and makes the rowid order, which the fold's cursor
-- walks, a promise rather than SQLite's habit. Later dates inside kept
-- records are judged against the peildatum in C.

-- 1. the zwangerschap rows that lead the trajectories (their age class and parity), read in order
SELECT id, leeftijdsklasse, pariteit
FROM zwangerschap ORDER BY id;

-- 2. children: the record that counts for each
SELECT id, kind_volgnummer, geboortedatum, amenorroeduur_geboorte, geboortegewicht, lijn_begin_baring,
       vitaliteit, overleden_dag
FROM bevalling ORDER BY id;

-- 3. screenings
SELECT id, screening_datum, route, risicofactoren
FROM screening ORDER BY id;

-- 4. episodes of care
SELECT id, lijn, start_datum, eind_datum, reden
FROM zorgepisode ORDER BY id;

-- 5. handovers
SELECT id, van_organisatie, naar_organisatie, soort, verzonden_datum, ontvangen_datum, warm
FROM overdracht ORDER BY id;

-- 6. multidisciplinary meetings
SELECT id, bespreekdatum, regie_datum, regie_type
FROM mdo ORDER BY id;

-- 7. JGZ contacts
SELECT id, kind_volgnummer, contact_datum, contactmoment, status, reden_uitschrijving
FROM jgz_contact ORDER BY id;
