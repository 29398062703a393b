package dev.netwright.training;

import dev.netwright.engine.optim.Optimizers;

import java.util.ArrayList;
import java.util.List;

/**
 * How to train: optimizer by name (see {@link Optimizers#NAMES}), learning rate, epochs, batch size and
 * the seed that makes a run reproducible (weights, shuffling, dropout masks).
 */
public record RunConfig(String optimizer, double learningRate, int epochs, int batchSize, long seed) {

    /** Problems with the values, each naming the field; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (optimizer == null || !Optimizers.NAMES.contains(optimizer.toLowerCase(java.util.Locale.ROOT))) {
            p.add("optimizer must be one of " + Optimizers.NAMES + ". Received: " + optimizer);
        }
        if (!(learningRate > 0 && learningRate <= 10)) p.add("learningRate must be in (0, 10]. Received: " + learningRate);
        if (epochs < 1 || epochs > 100_000) p.add("epochs must be in 1..100000. Received: " + epochs);
        if (batchSize < 1 || batchSize > 65_536) p.add("batchSize must be in 1..65536. Received: " + batchSize);
        return p;
    }
}
