package dev.netwright.persistence;

import io.quarkus.test.junit.QuarkusTest;

/** The persistence round trip on the default (H2, in-memory) test database. */
@QuarkusTest
class PersistenceTest extends PersistenceRoundTrip {
}
