-- The reads behind the trajectory facts: one pass over each table, in this
-- order (engine/facts.c steps through the statements one by one and folds the
-- rows into one row of facts per trajectory). Linkage has already left records
-- dated after the peildatum unlinked (traject_id NULL) and marked the current
-- version of every record (actueel) and the record that counts for each child
-- (gekozen); later dates inside kept records are judged against the peildatum
-- in C.

-- 1. trajectories, with the leading zwangerschap row's age class and parity
SELECT t.id, t.regio, t.site, t.gemeentecode, t.intake_datum, t.a_terme_datum, z.leeftijdsklasse, z.pariteit
FROM traject t LEFT JOIN zwangerschap z ON z.id = t.zwangerschap_id;

-- 2. children: the record that counts for each
SELECT traject_id, kind_volgnummer, geboortedatum, amenorroeduur_geboorte, geboortegewicht, lijn_begin_baring,
       vitaliteit, overleden_dag
FROM bevalling WHERE gekozen = 1 AND actueel = 1 AND traject_id IS NOT NULL;

-- 3. screenings
SELECT traject_id, screening_datum, route, risicofactoren
FROM screening WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 4. episodes of care
SELECT traject_id, lijn, start_datum, eind_datum, reden
FROM zorgepisode WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 5. handovers
SELECT traject_id, van_organisatie, naar_organisatie, soort, verzonden_datum, ontvangen_datum, warm
FROM overdracht WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 6. multidisciplinary meetings
SELECT traject_id, bespreekdatum, regie_datum, regie_type
FROM mdo WHERE actueel = 1 AND traject_id IS NOT NULL;

-- 7. JGZ contacts
SELECT traject_id, kind_volgnummer, contact_datum, contactmoment, status, reden_uitschrijving
FROM jgz_contact WHERE actueel = 1 AND traject_id IS NOT NULL;
