-- Netwright schema, version 6: every export's parity check, and designs that carry weights (imported ONNX models),
-- so that training a model version can start from them (fine-tuning). Portable SQL (H2 2.x and PostgreSQL 13+).

-- ONNX Runtime vs the engine on up to 256 validation (else training) samples when the run's model was exported:
-- the largest absolute and relative differences, how many samples, and whether every value was within
-- 1e-4 + 1e-3 * |engine| (onnx.ParityCheck). NULL for models exported before this version and for uploads.
ALTER TABLE trained_model ADD COLUMN parity_max_abs DOUBLE PRECISION;
ALTER TABLE trained_model ADD COLUMN parity_max_rel DOUBLE PRECISION;
ALTER TABLE trained_model ADD COLUMN parity_samples INTEGER;
ALTER TABLE trained_model ADD COLUMN parity_ok BOOLEAN;
-- The ai.onnx opset the model was exported with (NULL for uploads: see the signature).
ALTER TABLE trained_model ADD COLUMN export_opset INTEGER;

-- Parameters and buffers of the design (graph.WeightsCodec), e.g. from an imported ONNX model; NULL: initialised
-- from the run's seed.
ALTER TABLE model_version ADD COLUMN weights BYTEA;
