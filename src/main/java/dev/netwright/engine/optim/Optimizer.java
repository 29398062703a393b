package dev.netwright.engine.optim;

import dev.netwright.engine.Tensor;
import dev.netwright.engine.backend.Buffer;
import dev.netwright.engine.backend.OptimizerKernel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Updates parameters from their gradients with one {@link OptimizerKernel} rule, keeping each
 * parameter's state (moments, velocities) on the parameter's backend.
 */
public final class Optimizer {
    private final List<Tensor> params;
    private final DoubleFunction<OptimizerKernel> rule;
    private final Map<Tensor, Buffer[]> state = new IdentityHashMap<>();
    private double lr;
    private OptimizerKernel kernel;
    private int step;

    /** {@code rule} builds the kernel for a learning rate, so schedules can change it between steps. */
    public Optimizer(List<Tensor> params, double lr, DoubleFunction<OptimizerKernel> rule) {
        this.params = new ArrayList<>(params);
        this.rule = rule;
        setLearningRate(lr);
    }

    public double learningRate() {
        return lr;
    }

    public void setLearningRate(double lr) {
        // 0 is allowed: a schedule may anneal to it
        if (!(lr >= 0) || !Double.isFinite(lr)) throw new IllegalArgumentException("Learning rate must be >= 0. Received: " + lr);
        this.lr = lr;
        this.kernel = rule.apply(lr);
    }

    public OptimizerKernel kernel() {
        return kernel;
    }

    public int steps() {
        return step;
    }

    public void zeroGrad() {
        for (int i = 0; i < params.size(); i++) params.get(i).zeroGrad();
    }

    /** Applies one update to every parameter that received a gradient (allocating nothing after the first step). */
    public void step() {
        step++;
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            Buffer g = p.gradBuffer();
            if (g == null) continue;
            Buffer[] s = state.get(p);
            if (s == null) {
                s = new Buffer[kernel.stateBuffers()];
                for (int i = 0; i < s.length; i++) s[i] = p.backend().alloc(p.shape().size());
                state.put(p, s);
            }
            p.backend().optimizerStep(kernel, p.buffer(), g, s, step);
        }
    }
}
