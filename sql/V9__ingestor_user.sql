-- Issue 14: console users. bin/ingest user add creates them; POST /v1/auth/login checks the
-- bcrypt hash and signs a token with the tenant and roles stated here (roles: space-separated).
-- Named ingestor_user, not app_user: a manager database we share often has an app_user of its own.
-- utf8mb4 stated here: V3 converted only the tables that existed then, and a manager's database
-- may default to utf8mb3.
CREATE TABLE ingestor_user (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name           VARCHAR(100) NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    tenant_id      VARCHAR(64)  NOT NULL,
    roles          VARCHAR(100) NOT NULL,
    created_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_ingestor_user_name UNIQUE (name)
) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
