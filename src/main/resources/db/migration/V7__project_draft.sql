-- Netwright schema, version 7: the editor's unsaved design per project (autosave), so that no edit is lost on a
-- reload or a server restart. One row per project at most; saving a version deletes it. Portable SQL (H2 2.x and
-- PostgreSQL 13+).
CREATE TABLE project_draft (
    project_id BIGINT    NOT NULL PRIMARY KEY,
    graph_json TEXT      NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_project_draft_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
);
