package dev.netwright.engine.backend;

/**
 * Where a sliding window (a convolution kernel or a pooling window) reads in one [inH, inW] plane:
 * output position (oh, ow) covers input rows {@code oh*strideH - padH + i*dilationH} for i in [0, kernelH),
 * and likewise for columns. Positions outside the plane are padding.
 *
 * <p>The output size is stored rather than derived so a transposed convolution can use the geometry of
 * the convolution it inverts (its output_padding makes that size ambiguous); {@link #of} derives it with
 * the usual floor formula.
 */
public record Window2d(int inH, int inW, int outH, int outW, int kernelH, int kernelW,
                       int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

    public Window2d {
        if (inH <= 0 || inW <= 0 || outH <= 0 || outW <= 0 || kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0
                || padH < 0 || padW < 0 || dilationH <= 0 || dilationW <= 0) {
            // NOTE: the fields are not assigned yet in a compact constructor, so the message lists the arguments
            throw new IllegalArgumentException("Invalid window geometry: in " + inH + "x" + inW + ", out " + outH + "x" + outW
                    + ", kernel " + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW + ", padding " + padH + "x" + padW
                    + ", dilation " + dilationH + "x" + dilationW);
        }
    }

    /** The geometry with out = floor((in + 2 pad - dilation (kernel - 1) - 1) / stride) + 1 in each direction. */
    public static Window2d of(int inH, int inW, int kernelH, int kernelW, int strideH, int strideW,
                              int padH, int padW, int dilationH, int dilationW) {
        return new Window2d(inH, inW, outSize(inH, kernelH, strideH, padH, dilationH), outSize(inW, kernelW, strideW, padW, dilationW),
                kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
    }

    /** The number of window positions along one axis (can be <= 0 when the kernel does not fit). */
    public static int outSize(int in, int kernel, int stride, int pad, int dilation) {
        return Math.floorDiv(in + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
    }

    public int inPlane() {
        return inH * inW;
    }

    public int outPlane() {
        return outH * outW;
    }
}
