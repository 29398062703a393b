/**
 * Storage of projects, model versions, training runs, their metrics and trained ONNX models.
 * Panache entities ({@code *Entity}, public fields) mapped onto the Flyway schema in
 * {@code db/migration}, plus one {@code *Repository} per entity with the finders the services need.
 * Relations are plain id columns (no JPA associations), so entities never load lazily outside a transaction.
 */
package dev.netwright.persistence;
