-- Netwright schema, version 9: who saved a model version (a name, as the app has no accounts: the browser's
-- "Your name", the API's X-Netwright-Author header, or netwright.default-author). Versions saved before have none (NULL).
ALTER TABLE model_version ADD COLUMN author VARCHAR(100);
