-- A manager application's own schema, managed by its own Flyway (default history table).
CREATE TABLE app_user (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, email VARCHAR(255) NOT NULL);
