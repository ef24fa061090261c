-- Carrying out inzage, afschrift and inzage in de logging (issue 13): the handler's review of a
-- request's export. An entry of the dossier withheld from it (information about another person,
-- art. 15 lid 4 AVG, art. 7:456 BW) is named by its original record's id, with the ground of the
-- decision it rests on and the reason, sealed with the subject's key like every other free text
-- of a request. The release is the moment the handler let the export go out (and who did);
-- withholding an entry afterwards takes it back. Every change is an audit event whose object is
-- the request's id.
CREATE TABLE export_withheld (
    tenant_id   TEXT NOT NULL,
    request_id  TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    ground      TEXT NOT NULL,
    reason      BYTEA NOT NULL,
    withheld_at TEXT NOT NULL,
    withheld_by TEXT NOT NULL,
    PRIMARY KEY (tenant_id, request_id, record_id),
    FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id)
);
ALTER TABLE requests ADD COLUMN export_released_at TEXT;
ALTER TABLE requests ADD COLUMN export_released_by TEXT;
