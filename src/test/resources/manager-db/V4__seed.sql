INSERT INTO app_user (email) VALUES ('owner@example.org');
