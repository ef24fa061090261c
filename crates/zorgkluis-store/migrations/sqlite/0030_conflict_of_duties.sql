-- A disclosure without the consent its rule asks, on a conflict of duties the caregiver judged
-- (issue 17; Rondomzorg 2.7, `conflict_van_plichten` on the rule). The ledger says so; the
-- caregiver's justification is sealed with the person's key on each category's audit event,
-- flagged for the privacy officer's review beside emergency access.
ALTER TABLE disclosures ADD COLUMN conflict_of_duties INTEGER NOT NULL DEFAULT 0;
