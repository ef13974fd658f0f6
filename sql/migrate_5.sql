-- kansrijk database schema, version 5: one active delivery per identity, enforced.
-- Before version 5 the ingest looked up the active delivery of (type, organisatie,
-- periode) before it took the write lock, so two ingests started together could
-- both store their file as 'actief'. A database made then may hold such pairs;
-- they are repaired here before the unique index can be made.
--
-- The repair keeps the newest active delivery (the highest id) of each identity
-- and marks every older one 'vervangen' by it. That is what would have happened
-- had the two ingests run one after the other: the later transaction is the one
-- that committed last, it is the file the coordinator sent last, and for reference
-- data it is the only one whose rows are still in the list (each ingest of a
-- reference type empties the list first). The newest keeps its own 'vervangt';
-- the older ones lose their rows, rejected rows and warnings, as any replaced
-- delivery does, so the extract tables hold the rows of active deliveries only.

CREATE TEMP TABLE m5_oud AS
SELECT l.id, l.type,
       (SELECT max(n.id) FROM levering n
         WHERE n.status = 'actief' AND n.type = l.type
           AND n.organisatie IS l.organisatie AND n.periode IS l.periode) AS nieuw
  FROM levering l
 WHERE l.status = 'actief'
   AND l.id < (SELECT max(n.id) FROM levering n
                WHERE n.status = 'actief' AND n.type = l.type
                  AND n.organisatie IS l.organisatie AND n.periode IS l.periode);

DELETE FROM zwangerschap WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'zwangerschap');
DELETE FROM screening    WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'screening');
DELETE FROM zorgepisode  WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'zorgepisode');
DELETE FROM overdracht   WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'overdracht');
DELETE FROM mdo          WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'mdo');
DELETE FROM bevalling    WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'bevalling');
DELETE FROM jgz_contact  WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'jgz_contact');
DELETE FROM regios       WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'regios');
DELETE FROM sites        WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'sites');
DELETE FROM gemeenten    WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'gemeenten');
DELETE FROM organisaties WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'organisaties');
DELETE FROM afspraken    WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'afspraken');
DELETE FROM doelen       WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'doelen');
DELETE FROM referenties  WHERE levering_id IN (SELECT id FROM m5_oud WHERE type = 'referenties');
DELETE FROM afgewezen    WHERE levering_id IN (SELECT id FROM m5_oud);
DELETE FROM waarschuwing WHERE levering_id IN (SELECT id FROM m5_oud);
UPDATE levering SET status = 'vervangen',
                    vervangen_door = (SELECT nieuw FROM m5_oud WHERE m5_oud.id = levering.id)
 WHERE id IN (SELECT id FROM m5_oud);
DROP TABLE m5_oud;

-- Reference types have no organisation or period (NULL); a unique index holds
-- NULLs distinct, so the identity is indexed with '' in their place.
CREATE UNIQUE INDEX levering_actief
    ON levering(type, coalesce(organisatie, ''), coalesce(periode, ''))
 WHERE status = 'actief';
