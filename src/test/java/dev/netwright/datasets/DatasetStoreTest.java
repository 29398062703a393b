package dev.netwright.datasets;

import dev.netwright.data.BuiltinDatasets;
import dev.netwright.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetStoreTest {
    @TempDir
    Path home;

    @Test
    void sameSamplesAreStoredOnceUnderTheirHash() throws IOException {
        DatasetStore store = new DatasetStore(home);
        Dataset moons = BuiltinDatasets.find("moons").orElseThrow();
        DatasetStore.Stored a = store.store(moons);
        DatasetStore.Stored b = store.store(moons);
        assertEquals(a, b);
        Path file = home.resolve("data").resolve(a.sha256().substring(0, 2)).resolve(a.sha256() + ".nwds");
        assertTrue(Files.isRegularFile(file));
        assertEquals(a.sha256(), DatasetStore.sha256(file), "the name is the SHA-256 of the bytes");
        assertEquals(a.bytes(), Files.size(file));
        try (Stream<Path> tmp = Files.list(home.resolve("data/tmp"))) {
            assertEquals(0, tmp.count(), "no temporary files are left");
        }

        Dataset back = store.load(a.sha256(), "42");
        assertEquals("42", back.id());
        assertArrayEquals(moons.features(), back.features());
        assertArrayEquals(moons.targets(), back.targets());
        assertEquals(moons.classNames(), back.classNames());

        DatasetStore.Stored other = store.store(BuiltinDatasets.find("circles").orElseThrow());
        assertNotEquals(a.sha256(), other.sha256());
        store.delete(a.sha256());
        assertFalse(Files.exists(file));
        assertTrue(Files.exists(home.resolve("data").resolve(other.sha256().substring(0, 2)).resolve(other.sha256() + ".nwds")));
    }
}
