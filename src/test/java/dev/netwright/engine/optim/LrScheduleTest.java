package dev.netwright.engine.optim;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedules without PyTorch golden cases (inverse time, warm-up) and the preview curve. */
class LrScheduleTest {

    @Test
    void inverseTimeDecay() {
        assertArrayEquals(new double[]{0.1, 0.1 / 1.5, 0.1 / 2, 0.1 / 2.5},
                LrSchedule.preview("inverse_time", 0.1, Map.of("decay", 0.5), 4), 1e-15);
    }

    @Test
    void linearWarmupThenConstant() {
        assertArrayEquals(new double[]{0.025, 0.05, 0.075, 0.1, 0.1, 0.1},
                LrSchedule.preview("warmup", 0.1, Map.of("warmup_epochs", 4), 6), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.create("warmup", 0.1, Map.of("warmup_epochs", 0)));
    }

    @Test
    void previewFollowsTheScheduleAndAssumesNoImprovementForPlateau() {
        assertArrayEquals(new double[]{1, 1, 0.1, 0.1, 0.01}, LrSchedule.preview("step", 1, Map.of("step_size", 2, "gamma", 0.1), 5), 1e-12);
        double[] plateau = LrSchedule.preview("plateau", 1, Map.of("patience", 1, "factor", 0.5), 6);
        assertTrue(plateau[5] < plateau[0], "plateau reduces when the metric never improves");
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.create("sawtooth", 1, Map.of()));
    }
}
