-- Versions of the reglement in force by date (issue 17 part 4). `reglement_versions` (0001) keeps
-- every reglement the vault was opened with; a version adopted with `reglement adopt` also has the
-- day it was announced to those it concerns and who adopted it (a staff account of the role with
-- `adopt_reglement`, the directie). `effective` is the day it takes effect: the version in force on
-- a day is the one with the latest `effective` on or before it (of those, the last adopted). The
-- text is the file itself, so every past decision can be replayed with its version.
ALTER TABLE reglement_versions ADD COLUMN announced TEXT;
ALTER TABLE reglement_versions ADD COLUMN adopted_by TEXT;
ALTER TABLE reglement_versions ADD COLUMN file_name TEXT;
CREATE INDEX reglement_versions_effective ON reglement_versions (tenant_id, effective);
