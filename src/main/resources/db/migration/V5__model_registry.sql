-- Netwright schema, version 5: the model registry. trained_model holds both the models runs produced and
-- ONNX files uploaded through POST /api/models; each has a name, a stage and its signature.
-- Portable SQL (H2 2.x and PostgreSQL 13+), like V1-V3.

-- An uploaded model has no run.
ALTER TABLE trained_model ALTER COLUMN run_id DROP NOT NULL;

-- Where the model came from: 'run' (a training run exported it) or 'upload'.
ALTER TABLE trained_model ADD COLUMN source VARCHAR(20) DEFAULT 'run' NOT NULL;
-- The registry's name; only one model per name is in production. NULL for a run's model until the registry
-- first reads it (then it is named after the run's project).
ALTER TABLE trained_model ADD COLUMN name VARCHAR(200);
-- draft, staging or production.
ALTER TABLE trained_model ADD COLUMN stage VARCHAR(20) DEFAULT 'draft' NOT NULL;
-- Inputs, outputs, opsets, producer and class labels, as JSON (serving.ModelSignature); NULL until computed.
ALTER TABLE trained_model ADD COLUMN signature_json TEXT;
-- Length and SHA-256 (hex) of the onnx bytes; NULL for rows older than this version until the registry reads them.
ALTER TABLE trained_model ADD COLUMN size_bytes BIGINT;
ALTER TABLE trained_model ADD COLUMN sha256 VARCHAR(64);

-- A run's model names its run. (source and stage values are checked by the application, not by IN (...) checks:
-- H2 2.x evaluates a constant IN list with the session that created the constraint, and fails once that is closed.)
ALTER TABLE trained_model ADD CONSTRAINT ck_trained_model_run CHECK (source = 'upload' OR run_id IS NOT NULL);

CREATE INDEX ix_trained_model_name ON trained_model (name);
