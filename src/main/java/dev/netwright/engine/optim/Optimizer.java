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

    /**
     * The optimizer's state for a checkpoint: the step count, and per parameter (in the order given to the
     * constructor) its state buffers' values, or null for a parameter that has not been updated yet.
     */
    public record State(int step, List<float[][]> perParameter) {
    }

    public State state() {
        List<float[][]> out = new ArrayList<>(params.size());
        for (Tensor p : params) {
            Buffer[] s = state.get(p);
            if (s == null) {
                out.add(null);
                continue;
            }
            float[][] v = new float[s.length][];
            for (int i = 0; i < s.length; i++) {
                v[i] = new float[p.shape().size()];
                p.backend().read(s[i], 0, v[i], 0, v[i].length);
            }
            out.add(v);
        }
        return new State(step, out);
    }

    /** Continues from a {@link #state()} of an optimizer with the same rule over parameters of the same shapes. */
    public void restore(State saved) {
        if (saved.perParameter().size() != params.size()) {
            throw new IllegalArgumentException("The saved optimizer state has " + saved.perParameter().size() + " parameters, this optimizer "
                    + params.size());
        }
        step = saved.step();
        for (int k = 0; k < params.size(); k++) {
            Tensor p = params.get(k);
            float[][] v = saved.perParameter().get(k);
            if (v == null) {
                state.remove(p);
                continue;
            }
            if (v.length != kernel.stateBuffers()) {
                throw new IllegalArgumentException("The saved optimizer state has " + v.length + " buffers per parameter, this rule "
                        + kernel.stateBuffers());
            }
            Buffer[] s = new Buffer[v.length];
            for (int i = 0; i < v.length; i++) {
                if (v[i].length != p.shape().size()) throw new IllegalArgumentException("Saved optimizer state of parameter " + k + " has the wrong size");
                s[i] = p.backend().alloc(p.shape().size());
                p.backend().write(v[i], 0, s[i], 0, v[i].length);
            }
            state.put(p, s);
        }
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
