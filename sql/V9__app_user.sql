-- Issue 14: console users. bin/ingest user add creates them; POST /v1/auth/login checks the
-- bcrypt hash and signs a token with the tenant and roles stated here (roles: space-separated).
CREATE TABLE app_user (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name           VARCHAR(100) NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    tenant_id      VARCHAR(64)  NOT NULL,
    roles          VARCHAR(100) NOT NULL,
    created_at     DATETIME(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uq_app_user_name UNIQUE (name)
);
