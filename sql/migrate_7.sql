-- kansrijk database schema, version 7: linkage no longer writes into the extract rows.
-- Until version 6 linkage stored actueel and traject_id in every extract row (and gekozen in
-- bevalling), rewriting every page of the extract tables after large deliveries. Now compute
-- hands linkage's answer to the trajectory facts in memory (core/links.h) and only the tables
-- traject and koppeling are stored, so these columns go. Each DROP COLUMN rewrites its table (16 s
-- at national size, 7.7 M rows, once). DROP COLUMN needs SQLite 3.35 or later (core/db.c checks).
ALTER TABLE zwangerschap DROP COLUMN actueel;
ALTER TABLE zwangerschap DROP COLUMN traject_id;
ALTER TABLE screening DROP COLUMN actueel;
ALTER TABLE screening DROP COLUMN traject_id;
ALTER TABLE zorgepisode DROP COLUMN actueel;
ALTER TABLE zorgepisode DROP COLUMN traject_id;
ALTER TABLE overdracht DROP COLUMN actueel;
ALTER TABLE overdracht DROP COLUMN traject_id;
ALTER TABLE mdo DROP COLUMN actueel;
ALTER TABLE mdo DROP COLUMN traject_id;
ALTER TABLE bevalling DROP COLUMN actueel;
ALTER TABLE bevalling DROP COLUMN traject_id;
ALTER TABLE bevalling DROP COLUMN gekozen;
ALTER TABLE jgz_contact DROP COLUMN actueel;
ALTER TABLE jgz_contact DROP COLUMN traject_id;
