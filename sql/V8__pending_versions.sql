-- Issue 10 point 3 / issue 11 point 6: a version is written in bounded batches while its document
-- is still being embedded, then activated in one step. Until then it is pending: inactive, not
-- visible to search, dedup or the API, and deleted by the next run's recovery if its run died.
ALTER TABLE document_version ADD COLUMN pending BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_document_version_pending ON document_version (pending, queue_item_id);
