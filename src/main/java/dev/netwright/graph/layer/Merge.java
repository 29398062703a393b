package dev.netwright.graph.layer;

import dev.netwright.engine.Tensor;
import dev.netwright.engine.nn.Module;

import java.util.List;
import java.util.function.Function;

/** A parameter-free module of several inputs (Add, Multiply, Concat): the batches of its ports, in port order. */
public final class Merge extends Module {
    private final String name;
    private final Function<List<Tensor>, Tensor> f;

    Merge(String name, Function<List<Tensor>, Tensor> f) {
        this.name = name;
        this.f = f;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        if (inputs.size() < 2) throw new IllegalArgumentException(name + " takes at least 2 inputs. Received: " + inputs.size());
        return f.apply(inputs);
    }

    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalStateException(name + " takes several inputs; call forward(List)");
    }
}
