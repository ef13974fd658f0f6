-- The reads behind the trajectory facts: one pass over each table, in this
-- order (engine/facts.c steps through the statements one by one and folds the
-- rows into one row of facts per trajectory). Linkage has already left records
-- dated after the peildatum unlinked (traject_id NULL) and marked the current
-- version of every record (actueel) and the record that counts for each child
-- (gekozen); later dates inside kept records are judged against the peildatum
-- in C.

-- 1. trajectories, and the zwangerschap row that leads each (its age class and parity come
--    from step 2: a join here would read zwangerschap's pages at random)
SELECT id, regio, site, gemeentecode, intake_datum, a_terme_datum, zwangerschap_id
FROM traject;

-- 2. the leading zwangerschap rows, read in order
SELECT id, leeftijdsklasse, pariteit
FROM zwangerschap WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 3. children: the record that counts for each
SELECT traject_id, kind_volgnummer, geboortedatum, amenorroeduur_geboorte, geboortegewicht, lijn_begin_baring,
       vitaliteit, overleden_dag
FROM bevalling WHERE gekozen = 1 AND actueel = 1 AND traject_id IS NOT NULL;

-- 4. screenings
SELECT traject_id, screening_datum, route, risicofactoren
FROM screening WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 5. episodes of care
SELECT traject_id, lijn, start_datum, eind_datum, reden
FROM zorgepisode WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 6. handovers
SELECT traject_id, van_organisatie, naar_organisatie, soort, verzonden_datum, ontvangen_datum, warm
FROM overdracht WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 7. multidisciplinary meetings
SELECT traject_id, bespreekdatum, regie_datum, regie_type
FROM mdo WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 8. JGZ contacts
SELECT traject_id, kind_volgnummer, contact_datum, contactmoment, status, reden_uitschrijving
FROM jgz_contact WHERE actueel = 1 AND traject_id IS NOT NULL;
