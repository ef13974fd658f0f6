-- kansrijk database schema, version 6: the reason of a refused delivery in Dutch too.
-- levering.reden keeps the English sentence; reden_nl holds the Dutch one, so that the ledger on
-- a Dutch screen (kansrijk deliveries) is Dutch. Deliveries refused before version 6 have none;
-- the ledger then shows the English one.
ALTER TABLE levering ADD COLUMN reden_nl TEXT;
