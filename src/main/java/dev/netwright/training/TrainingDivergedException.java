package dev.netwright.training;

/** The loss or a gradient stopped being a finite number; the run fails with the step where it happened. */
public class TrainingDivergedException extends RuntimeException {
    private final long step;

    public TrainingDivergedException(long step, int epoch, String what) {
        super(what + " at step " + step + " (epoch " + epoch + "); the run diverged, try a lower learning rate");
        this.step = step;
    }

    public long step() {
        return step;
    }
}
