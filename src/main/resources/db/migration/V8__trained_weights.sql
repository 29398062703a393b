-- Netwright schema, version 8: a run's trained model keeps the engine's weights (graph.WeightsCodec) next to its ONNX
-- file, so it can be exported again with other options without importing the ONNX file back.
ALTER TABLE trained_model ADD COLUMN weights BYTEA;
