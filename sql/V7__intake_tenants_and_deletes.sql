-- HTTP intake (bin/ingest serve): tenants, delete requests, and duplicate uploads refused by a key.

-- The tenant a document belongs to, from the uploader's token. The default keeps the manager's
-- two INSERTs working; every API query filters on it.
ALTER TABLE document_node ADD COLUMN tenant_id VARCHAR(64) NOT NULL DEFAULT 'default';
CREATE INDEX ix_document_node_tenant ON document_node (tenant_id, id);

-- What a queue row asks for: 'ingest' (the file at storage_path) or 'delete' (deactivate the
-- document's active version and its chunks; storage_path is then '').
ALTER TABLE ingestion_queue_item ADD COLUMN kind VARCHAR(10) NOT NULL DEFAULT 'ingest';

-- Set by uploads only: the SHA-256 of the uploaded bytes, and a key that holds while the row is
-- queued or processing. The unique key makes "the same content in flight once" a database fact:
-- two identical uploads at the same instant cannot both insert. The key of a finished row is
-- cleared by the next upload that needs it.
ALTER TABLE ingestion_queue_item ADD COLUMN content_hash CHAR(64) NULL;
ALTER TABLE ingestion_queue_item ADD COLUMN inflight_key VARCHAR(200) NULL;
ALTER TABLE ingestion_queue_item ADD CONSTRAINT uq_queue_item_inflight UNIQUE (inflight_key);
-- A document's items, newest first (GET /v1/ingestion-items?documentId=).
CREATE INDEX ix_queue_item_node ON ingestion_queue_item (document_node_id, id);
-- Uploads without a documentId find the document whose active version has the same bytes.
CREATE INDEX ix_document_version_hash ON document_version (content_hash, is_active);
