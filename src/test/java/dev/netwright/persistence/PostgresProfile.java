package dev.netwright.persistence;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@code @QuarkusTest} against the PostgreSQL on 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}). db-kind is a build-time property, so Quarkus re-augments the app for this profile.
 * Everything lives in the schema {@code netwright_test}, which Flyway empties at start; no other data is touched.
 */
public class PostgresProfile implements QuarkusTestProfile {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String SCHEMA = "netwright_test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.db-kind", "postgresql",
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://" + HOST + ":" + PORT + "/test?currentSchema=" + SCHEMA,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "quarkus.flyway.schemas", SCHEMA,
                "quarkus.flyway.default-schema", SCHEMA,
                "quarkus.flyway.clean-disabled", "false",
                "quarkus.flyway.clean-at-start", "true");
    }

    /** Skips the test class when nothing accepts connections on the PostgreSQL port. */
    public static class Available implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, PORT), 1000);
                return ConditionEvaluationResult.enabled("PostgreSQL answers on " + HOST + ":" + PORT);
            } catch (IOException e) {
                return ConditionEvaluationResult.disabled("no PostgreSQL answers on " + HOST + ":" + PORT);
            }
        }
    }
}
