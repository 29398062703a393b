package dev.netwright.serving;

import dev.netwright.data.io.ImageFolderImporter;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * An uploaded picture as the input of a grey-level image model, converted as image zips are imported (luma, transparent
 * pixels over white, resized to {@code size}×{@code size}, values / 255). Models trained on MNIST-like data expect
 * light ink on a dark background, so a picture whose mean is light (dark ink on paper) is inverted when asked.
 */
public final class ImageInput {
    private ImageInput() {
    }

    /**
     * @param invertLight invert the values when the picture is mostly light
     * @throws IllegalArgumentException when the bytes are not a PNG, JPEG, GIF or BMP picture
     */
    public static double[] read(byte[] bytes, int size, boolean invertLight) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalArgumentException("The picture cannot be read: " + e.getMessage(), e);
        }
        if (image == null || image.getWidth() == 0 || image.getHeight() == 0) {
            throw new IllegalArgumentException("Not a picture this page reads: upload a PNG, JPEG, GIF or BMP file");
        }
        return fromImage(image, size, invertLight);
    }

    public static double[] fromImage(BufferedImage image, int size, boolean invertLight) {
        float[] luma = ImageFolderImporter.planes(image, false)[0];
        float[] small = ImageFolderImporter.resize(luma, image.getWidth(), image.getHeight(), size, size);
        double[] out = new double[small.length];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.clamp(small[i] / 255.0, 0, 1);
            sum += out[i];
        }
        if (invertLight && sum / out.length > 0.5) {
            for (int i = 0; i < out.length; i++) out[i] = 1 - out[i];
        }
        return out;
    }
}
