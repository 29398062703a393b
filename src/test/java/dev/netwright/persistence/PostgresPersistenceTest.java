package dev.netwright.persistence;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/** The persistence round trip on a real PostgreSQL; skipped when none answers on 127.0.0.1:5432. */
@QuarkusTest
@TestProfile(PostgresProfile.class)
@ExtendWith(PostgresProfile.Available.class)
class PostgresPersistenceTest extends PersistenceRoundTrip {
}
