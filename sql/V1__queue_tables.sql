-- rag-ingestor schema, version 1. The one source of truth for MySQL 8 / MariaDB and for
-- H2 in MySQL mode: Flyway applies it at start-up (the jar carries sql/ as db/migration).
-- Timestamps are DATETIME(6) in UTC; the worker compares them on the database's clock.

CREATE TABLE document_node (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name        VARCHAR(512) NOT NULL,
    created_at  DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);

-- The queue the manager writes into. A manager needs only document_node_id and storage_path;
-- the rest is ours. reservation_token fences a reservation: only its holder may finish it.
CREATE TABLE ingestion_queue_item (
    id                 BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_node_id   BIGINT        NOT NULL,
    storage_path       VARCHAR(1024) NOT NULL,
    status             VARCHAR(20)   NOT NULL DEFAULT 'queued',
    created_at         DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    started_at         DATETIME(6)   NULL,
    ended_at           DATETIME(6)   NULL,
    heartbeat_at       DATETIME(6)   NULL,
    reservation_token  VARCHAR(36)   NULL,
    attempts           INT           NOT NULL DEFAULT 0,
    job_execution_id   BIGINT        NULL,
    rag_message        VARCHAR(2000) NULL,
    CONSTRAINT fk_queue_item_node FOREIGN KEY (document_node_id) REFERENCES document_node (id)
);
-- Serves the reader (status = 'queued' ORDER BY created_at, id) and the report's counts.
CREATE INDEX ix_queue_item_status_created ON ingestion_queue_item (status, created_at, id);

CREATE TABLE ingestion_log (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    queue_item_id     BIGINT        NOT NULL,
    job_execution_id  BIGINT        NULL,
    level             VARCHAR(10)   NOT NULL,
    -- For outcome rows: indexed, unchanged, failed, download_failed, requeued; NULL otherwise.
    outcome           VARCHAR(20)   NULL,
    chunk_count       INT           NULL,
    message           VARCHAR(2000) NOT NULL,
    created_at        DATETIME(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
);
CREATE INDEX ix_ingestion_log_item ON ingestion_log (queue_item_id, id);
CREATE INDEX ix_ingestion_log_execution ON ingestion_log (job_execution_id, id);

-- One row per ingestion of a document. active_node_id equals document_node_id on the active
-- version and is NULL otherwise: the unique key makes "one active version" a database fact.
CREATE TABLE document_version (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_node_id     BIGINT       NOT NULL,
    queue_item_id        BIGINT       NOT NULL,
    content_hash         CHAR(64)     NOT NULL,
    is_active            BOOLEAN      NOT NULL,
    active_node_id       BIGINT       NULL,
    embedding_model      VARCHAR(200) NOT NULL,
    embedding_dimension  INT          NOT NULL,
    page_count           INT          NOT NULL,
    chunk_count          INT          NOT NULL,
    created_at           DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_document_version_active UNIQUE (active_node_id),
    CONSTRAINT uq_document_version_item UNIQUE (queue_item_id),
    CONSTRAINT fk_document_version_node FOREIGN KEY (document_node_id) REFERENCES document_node (id)
);
CREATE INDEX ix_document_version_node ON document_version (document_node_id, is_active);

-- Chunks with their vectors (little-endian float32). The model's name and dimension sit on
-- every row so that vectors of different models are never compared by mistake.
CREATE TABLE document_chunk (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_version_id  BIGINT       NOT NULL,
    chunk_index          INT          NOT NULL,
    is_active            BOOLEAN      NOT NULL,
    content              MEDIUMTEXT   NOT NULL,
    token_count          INT          NOT NULL,
    page_start           INT          NOT NULL,
    page_end             INT          NOT NULL,
    embedding            MEDIUMBLOB   NOT NULL,
    embedding_model      VARCHAR(200) NOT NULL,
    embedding_dimension  INT          NOT NULL,
    CONSTRAINT uq_document_chunk_index UNIQUE (document_version_id, chunk_index),
    CONSTRAINT fk_document_chunk_version FOREIGN KEY (document_version_id) REFERENCES document_version (id)
);
CREATE INDEX ix_document_chunk_active ON document_chunk (is_active, document_version_id);

-- The run lock (ShedLock's table): a lease on the name 'ingestJob', renewed while a run is
-- alive, so that only one run works at a time across processes and machines.
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    lock_until  TIMESTAMP(3) NOT NULL,
    locked_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    locked_by   VARCHAR(255) NOT NULL
);
