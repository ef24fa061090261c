-- The transfer to a successor care provider (issue 13 part 7, art. 20 lid 2 AVG): carrying out an
-- `overdracht` request records a disclosure in the ledger, with the channel it went by
-- (`persoonlijk`, `aangetekend`, `beveiligde_email`) and the request it carried out. Both are
-- empty for a disclosure made from the disclosure form. The payload's SHA-256 is then that of the
-- FHIR bundle as it went out.
ALTER TABLE disclosures ADD COLUMN channel TEXT;
ALTER TABLE disclosures ADD COLUMN request_id TEXT;
