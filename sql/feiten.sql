-- The trajectory facts as of the peildatum (temp.peil.d), in one pass: each
-- extract table is read once, grouped by trajectory, and joined to traject.
-- Records dated after the peildatum were already left unlinked by linkage;
-- here later dates inside kept records (bespreek, regie) are dropped, and
-- "before birth" means strictly before the earliest child's birth date.
DELETE FROM feit_traject;

INSERT INTO feit_traject
WITH p AS (SELECT d AS peil FROM temp.peil),
geb AS (
    SELECT traject_id, min(geboortedatum) AS geb, count(*) AS kinderen
    FROM bevalling WHERE gekozen = 1 AND actueel = 1 AND traject_id IS NOT NULL
    GROUP BY traject_id),
baring AS (  -- SQLite takes a bare column from the row of min(): the lowest kind_volgnummer
    SELECT traject_id, min(kind_volgnummer) AS kind, lijn_begin_baring
    FROM bevalling WHERE gekozen = 1 AND actueel = 1 AND traject_id IS NOT NULL
    GROUP BY traject_id),
sc AS (
    SELECT s.traject_id, s.screening_datum AS d, s.route
    FROM screening s LEFT JOIN geb g ON g.traject_id = s.traject_id
    WHERE s.actueel = 1 AND s.traject_id IS NOT NULL AND (g.geb IS NULL OR s.screening_datum < g.geb)),
sc_agg AS (
    SELECT traject_id, min(d) AS eerste, max(route) AS route,
           min(CASE WHEN route >= 2 THEN d END) AS sig2, min(CASE WHEN route = 3 THEN d END) AS sig3
    FROM sc GROUP BY traject_id),
sc_first AS (  -- the route at signalling: of the first screening (the highest on that day)
    SELECT sc.traject_id, max(sc.route) AS route
    FROM sc JOIN sc_agg a ON a.traject_id = sc.traject_id AND sc.d = a.eerste
    GROUP BY sc.traject_id),
jgz AS (
    SELECT traject_id, min(verzonden_datum) AS verzonden
    FROM overdracht WHERE actueel = 1 AND traject_id IS NOT NULL AND soort = 'jgz_prenataal'
    GROUP BY traject_id),
md AS (
    SELECT m.traject_id,
           min(CASE WHEN m.bespreekdatum <= p.peil THEN m.bespreekdatum END) AS bespreek,
           min(CASE WHEN m.regie_datum <= p.peil THEN m.regie_datum END) AS regie
    FROM mdo m, p WHERE m.actueel = 1 AND m.traject_id IS NOT NULL
    GROUP BY m.traject_id),
regie AS (
    SELECT m.traject_id, CASE WHEN count(DISTINCT coalesce(m.regie_type, '')) = 1 AND max(m.regie_type) IS NOT NULL
                              THEN max(m.regie_type) ELSE 'onbekend' END AS regie_type
    FROM mdo m JOIN md ON md.traject_id = m.traject_id AND m.regie_datum = md.regie
    WHERE m.actueel = 1
    GROUP BY m.traject_id),
hb AS (
    SELECT j.traject_id, 1 AS gehouden
    FROM jgz_contact j LEFT JOIN geb g ON g.traject_id = j.traject_id
    WHERE j.actueel = 1 AND j.traject_id IS NOT NULL AND j.contactmoment = 'prenataal_huisbezoek'
      AND j.status = 'verschenen' AND (g.geb IS NULL OR j.contact_datum < g.geb)
    GROUP BY j.traject_id),
psy AS (
    SELECT e.traject_id, 1 AS ja
    FROM zorgepisode e LEFT JOIN geb g ON g.traject_id = e.traject_id
    WHERE e.actueel = 1 AND e.traject_id IS NOT NULL AND e.lijn IN (2, 3) AND e.reden = 'psychosociaal'
      AND (g.geb IS NULL OR e.start_datum < g.geb)
    GROUP BY e.traject_id)
SELECT t.id, t.regio, t.site, t.gemeentecode, z.leeftijdsklasse, z.pariteit, t.intake_datum, t.a_terme_datum,
       geb.geb, coalesce(geb.kinderen, 0),
       sc_agg.eerste, sc_first.route, sc_agg.route, sc_agg.sig2, sc_agg.sig3,
       jgz.verzonden, md.bespreek, md.regie, CASE WHEN md.regie IS NOT NULL THEN regie.regie_type END,
       coalesce(hb.gehouden, 0), baring.lijn_begin_baring, coalesce(psy.ja, 0)
FROM traject t
LEFT JOIN zwangerschap z ON z.id = t.zwangerschap_id
LEFT JOIN geb ON geb.traject_id = t.id
LEFT JOIN baring ON baring.traject_id = t.id
LEFT JOIN sc_agg ON sc_agg.traject_id = t.id
LEFT JOIN sc_first ON sc_first.traject_id = t.id
LEFT JOIN jgz ON jgz.traject_id = t.id
LEFT JOIN md ON md.traject_id = t.id
LEFT JOIN regie ON regie.traject_id = t.id
LEFT JOIN hb ON hb.traject_id = t.id
LEFT JOIN psy ON psy.traject_id = t.id;
