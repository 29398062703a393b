package dev.netwright.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Recurrent layers unrolled over time from tensor ops (linear, narrow, sigmoid, tanh, concat), so autograd
 * gives backpropagation through time. Conventions follow PyTorch: sequences are [T, N, I] (seq-first), the
 * weights hold the gates stacked along their first axis, and the input projection of every step is computed
 * in one matrix product up front.
 * <p>Shape: x [T, N, I]; h0 (and c0) [N, H] or [1, N, H] or null (zeros); weight_ih [G*H, I], weight_hh [G*H, H],
 * bias_ih, bias_hh [G*H] or null → the hidden states of every step [T, N, H].
 */
public final class RecurrentOps {
    private RecurrentOps() {
    }

    /** Elman RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh). G = 1. */
    public static Tensor rnnTanh(Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Dims d = check("rnn_tanh", 1, x, weightIh, weightHh, biasIh, biasHh);
        Tensor xp = inputProjection(x, d, weightIh, biasIh);
        Tensor h = state("h0", h0, d);
        List<Tensor> hs = new ArrayList<>();
        for (int t = 0; t < d.steps; t++) {
            h = step(xp, t, d).add(Tensor.linear(h, weightHh, biasHh)).tanh();
            hs.add(h);
        }
        return stack(hs, d);
    }

    /**
     * LSTM with gates i, f, g, o (in that order in the weights): c' = f*c + i*g, h' = o*tanh(c'), where
     * i, f, o = sigmoid(...) and g = tanh(...) of W_ih x + b_ih + W_hh h + b_hh. G = 4.
     */
    public static Tensor lstm(Tensor x, Tensor h0, Tensor c0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Dims d = check("lstm", 4, x, weightIh, weightHh, biasIh, biasHh);
        Tensor xp = inputProjection(x, d, weightIh, biasIh);
        Tensor h = state("h0", h0, d), c = state("c0", c0, d);
        int hid = d.hidden;
        List<Tensor> hs = new ArrayList<>();
        for (int t = 0; t < d.steps; t++) {
            Tensor gates = step(xp, t, d).add(Tensor.linear(h, weightHh, biasHh));
            Tensor i = gates.narrow(1, 0, hid).sigmoid();
            Tensor f = gates.narrow(1, hid, hid).sigmoid();
            Tensor g = gates.narrow(1, 2 * hid, hid).tanh();
            Tensor o = gates.narrow(1, 3 * hid, hid).sigmoid();
            c = f.mul(c).add(i.mul(g));
            h = o.mul(c.tanh());
            hs.add(h);
        }
        return stack(hs, d);
    }

    /**
     * GRU with gates r, z, n: r, z = sigmoid(W_i x + b_i + W_h h + b_h), n = tanh(W_in x + b_in + r * (W_hn h + b_hn)),
     * h' = (1 - z) * n + z * h. G = 3.
     */
    public static Tensor gru(Tensor x, Tensor h0, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Dims d = check("gru", 3, x, weightIh, weightHh, biasIh, biasHh);
        Tensor xp = inputProjection(x, d, weightIh, biasIh);
        Tensor h = state("h0", h0, d);
        int hid = d.hidden;
        List<Tensor> hs = new ArrayList<>();
        for (int t = 0; t < d.steps; t++) {
            Tensor xt = step(xp, t, d), hp = Tensor.linear(h, weightHh, biasHh);
            Tensor r = xt.narrow(1, 0, hid).add(hp.narrow(1, 0, hid)).sigmoid();
            Tensor z = xt.narrow(1, hid, hid).add(hp.narrow(1, hid, hid)).sigmoid();
            Tensor n = xt.narrow(1, 2 * hid, hid).add(r.mul(hp.narrow(1, 2 * hid, hid))).tanh();
            h = n.add(z.mul(h.sub(n)));   // (1 - z) n + z h
            hs.add(h);
        }
        return stack(hs, d);
    }

    // ***** helpers *****

    private record Dims(int steps, int batch, int input, int hidden, int gates) {
    }

    private static Dims check(String op, int gates, Tensor x, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        Shape xs = x.shape(), is = wIh.shape(), hs = wHh.shape();
        if (xs.rank() != 3 || is.rank() != 2 || hs.rank() != 2) {
            throw new IllegalArgumentException(op + " expects x [T, N, I], weight_ih [" + gates + "H, I], weight_hh [" + gates
                    + "H, H]. Received: x " + xs + ", weight_ih " + is + ", weight_hh " + hs);
        }
        int hid = hs.dim(1);
        if (xs.dim(0) < 1 || hs.dim(0) != gates * hid || is.dim(0) != gates * hid || is.dim(1) != xs.dim(2)) {
            throw new IllegalArgumentException(op + ": x " + xs + ", weight_ih " + is + " and weight_hh " + hs
                    + " do not fit (expected weight_ih [" + gates * hid + ", " + xs.dim(2) + "], weight_hh [" + gates * hid + ", " + hid + "], T >= 1)");
        }
        for (Tensor b : new Tensor[]{bIh, bHh}) {
            if (b != null && !b.shape().equals(Shape.of(gates * hid))) {
                throw new IllegalArgumentException(op + " biases must be [" + gates * hid + "]. Received: " + b.shape());
            }
        }
        return new Dims(xs.dim(0), xs.dim(1), xs.dim(2), hid, gates);
    }

    /** W_ih x_t + b_ih for every step at once: [T*N, G*H]. */
    private static Tensor inputProjection(Tensor x, Dims d, Tensor wIh, Tensor bIh) {
        return Tensor.linear(x.reshape(d.steps * d.batch, d.input), wIh, bIh);
    }

    /** Step t's rows of the input projection: [N, G*H]. */
    private static Tensor step(Tensor xp, int t, Dims d) {
        return xp.narrow(0, t * d.batch, d.batch);
    }

    private static Tensor state(String name, Tensor s, Dims d) {
        if (s == null) return Tensor.zeros(d.batch, d.hidden);
        boolean ok = s.shape().equals(Shape.of(d.batch, d.hidden)) || s.shape().equals(Shape.of(1, d.batch, d.hidden));
        if (!ok) {
            throw new IllegalArgumentException(name + " must be [" + d.batch + ", " + d.hidden + "] or [1, " + d.batch + ", "
                    + d.hidden + "]. Received: " + s.shape());
        }
        return s.reshape(d.batch, d.hidden);
    }

    private static Tensor stack(List<Tensor> hs, Dims d) {
        return Tensor.concat(0, hs).reshape(d.steps, d.batch, d.hidden);
    }
}
