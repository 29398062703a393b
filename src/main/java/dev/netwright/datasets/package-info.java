/**
 * Data sets as the application keeps them: imports and generation into a project, content-addressed sample
 * files under the data directory, metadata in the database, splits, previews. Parsing and the numbers live in
 * {@code dev.netwright.data}; this package stores and serves them.
 */
package dev.netwright.datasets;
