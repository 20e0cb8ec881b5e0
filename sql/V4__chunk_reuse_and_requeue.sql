-- rag-ingestor schema, version 4: vectors are reused across versions, and a queue row may be
-- processed again after the manager set it back to 'queued'.

-- SHA-256 of a chunk's text: on re-ingest, a chunk whose text and model are unchanged takes its
-- vector from the active version instead of going to the model again. NULL on rows written
-- before V4, which are then simply embedded again.
ALTER TABLE document_chunk ADD COLUMN content_hash CHAR(64) NULL;
CREATE INDEX ix_document_chunk_reuse ON document_chunk (document_version_id, content_hash);

-- One version per reservation instead of one per queue row: a row requeued by the manager gets
-- a new reservation token and may store a new version; a stale run still cannot store a second
-- one for the same reservation (its writes are fenced by the token, and this key refuses them).
ALTER TABLE document_version ADD COLUMN reservation_token VARCHAR(36) NULL;
ALTER TABLE document_version DROP CONSTRAINT uq_document_version_item;
CREATE UNIQUE INDEX uq_document_version_reservation ON document_version (queue_item_id, reservation_token);
