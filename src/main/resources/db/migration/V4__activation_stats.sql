-- Netwright schema, version 4: activation statistics (mean, std, range, zero fraction, histogram per node) recorded
-- with a metric point at diagnostic steps, next to the per-parameter statistics in layers_json.
ALTER TABLE metric_point ADD COLUMN activations_json TEXT;
