package dev.netwright.datasets;

import dev.netwright.data.Dataset;
import dev.netwright.data.io.IdxImporter;
import dev.netwright.data.io.Imported;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Real data sets offered like the built-in ones when the machine has them: Fashion-MNIST from Debian's
 * {@code dataset-fashion-mnist} package ({@code netwright.samples.fashion-mnist}, default its install folder), with the
 * package's 10,000 test images as the test part. Read once (about a second), in the background at start-up, then kept.
 */
@ApplicationScoped
public class SampleDatasets {
    private static final Logger LOG = Logger.getLogger(SampleDatasets.class);
    public static final String FASHION_MNIST = "fashion-mnist";
    /** Zalando's class names, by label. */
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    private final Path fashionDir;
    private final boolean preload;
    private Imported fashion;
    private boolean failed;

    public SampleDatasets(@ConfigProperty(name = "netwright.samples.fashion-mnist", defaultValue = "/usr/share/datasets/fashion-mnist") Path fashionDir,
                          @ConfigProperty(name = "netwright.samples.preload", defaultValue = "true") boolean preload) {
        this.fashionDir = fashionDir;
        this.preload = preload;
    }

    void onStart(@Observes StartupEvent e) {
        if (preload && installed()) Thread.ofVirtual().name("sample-data").start(this::loadFashion);
    }

    private Path[] files() {
        return new Path[]{fashionDir.resolve("train-images-idx3-ubyte.gz"), fashionDir.resolve("train-labels-idx1-ubyte.gz"),
                fashionDir.resolve("t10k-images-idx3-ubyte.gz"), fashionDir.resolve("t10k-labels-idx1-ubyte.gz")};
    }

    private boolean installed() {
        for (Path p : files()) if (!Files.isReadable(p)) return false;
        return true;
    }

    /** True when {@code id} names a sample data set this machine has. */
    public boolean has(String id) {
        return FASHION_MNIST.equals(id) && installed() && !failed;
    }

    /** The sample data sets this machine has (read on first use). */
    public List<Imported> all() {
        return has(FASHION_MNIST) ? Optional.ofNullable(loadFashion()).stream().toList() : List.of();
    }

    /** The sample with this id, read on first use; empty when the machine does not have it. */
    public Optional<Imported> find(String id) {
        return has(id) ? Optional.ofNullable(loadFashion()) : Optional.empty();
    }

    private synchronized Imported loadFashion() {
        if (fashion != null || failed) return fashion;
        Path[] f = files();
        long t0 = System.nanoTime();
        try {
            Imported read = IdxImporter.read(List.of(new Path[]{f[0], f[1]}, new Path[]{f[2], f[3]}), FASHION_MNIST, "Fashion-MNIST", FASHION_CLASSES);
            Dataset d = read.dataset();
            Dataset named = new Dataset(FASHION_MNIST, "Fashion-MNIST", "Zalando's 70,000 grey 28×28 images of clothes in 10 classes ("
                    + read.sourceTrainCount() + " for training, " + (d.size() - read.sourceTrainCount()) + " test images kept as the test part), from "
                    + fashionDir, d.task(), d.featureShape(), d.targetSize(), d.classNames(), d.features(), d.targets());
            fashion = new Imported(named, read.columns(), read.featureNames(), read.warnings(), read.sourceTrainCount());
            LOG.infof("Sample data set Fashion-MNIST read from %s: %d images (%.0f ms)", fashionDir, d.size(), (System.nanoTime() - t0) / 1e6);
        } catch (RuntimeException e) {
            failed = true;
            LOG.warnf("Fashion-MNIST in %s cannot be read, so it is not offered: %s", fashionDir, e.getMessage());
        }
        return fashion;
    }
}
