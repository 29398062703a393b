package dev.netwright.engine.autograd;

import dev.netwright.engine.Tensor;

/**
 * The gradient rule of one op application: given the output (whose {@code grad} is set),
 * accumulate into the inputs' gradients.
 */
@FunctionalInterface
public interface GradFn {
    void backward(Tensor out);
}
