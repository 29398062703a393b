package dev.netwright.training;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeds' table (000 Table 1): train and dev errors with a Bayes error of about 0. */
class DiagnosisTest {
    @Test
    void reproducesTheSeedsTable() {
        assertEquals("high variance", Diagnosis.of(0.99, 0.89, 0).label());
        assertEquals("high bias", Diagnosis.of(0.85, 0.84, 0).label());
        assertEquals("high bias and high variance", Diagnosis.of(0.85, 0.70, 0).label());
        assertEquals("low bias, low variance", Diagnosis.of(0.995, 0.99, 0).label());
        assertTrue(Diagnosis.of(0.85, 0.84, 0).remedies().contains("train longer"));
        assertTrue(Diagnosis.of(0.99, 0.89, 0).remedies().contains("more data (or augmentation)"));
    }

    @Test
    void bayesErrorMovesTheBiasLine() {
        // 15% training error is fine when even humans err 12% of the time
        assertEquals("low bias, low variance", Diagnosis.of(0.85, 0.84, 0.12).label());
        assertNull(Diagnosis.of(null, 0.9, 0));
    }
}
