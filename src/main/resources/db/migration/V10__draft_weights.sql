-- Netwright schema, version 10: the editor's draft keeps the weights that came with a template (graph.WeightsCodec)
-- until a version is saved, so a server restart before the first save loses them no more than it loses the design.
-- Null: the draft has none. Portable SQL (H2 2.x and PostgreSQL 13+).
ALTER TABLE project_draft ADD COLUMN weights BYTEA;
