package dev.netwright.engine.backend;

/**
 * A batched, grouped 2-D convolution (cross-correlation): x [batch, inChannels, inH, inW] with
 * weight [outChannels, inChannels / groups, kernelH, kernelW] gives y [batch, outChannels, outH, outW].
 * Input channel block g (of {@code inChannels / groups}) feeds only output channel block g.
 * 1-D convolutions use a window of height 1.
 */
public record ConvGeometry(int batch, int inChannels, int outChannels, int groups, Window2d window) {

    public ConvGeometry {
        if (batch <= 0 || groups <= 0 || inChannels <= 0 || outChannels <= 0
                || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Invalid convolution geometry: batch=" + batch + ", inChannels=" + inChannels
                    + ", outChannels=" + outChannels + ", groups=" + groups);
        }
    }

    public int xSize() {
        return batch * inChannels * window.inPlane();
    }

    public int ySize() {
        return batch * outChannels * window.outPlane();
    }

    public int weightSize() {
        return outChannels * (inChannels / groups) * window.kernelH() * window.kernelW();
    }
}
