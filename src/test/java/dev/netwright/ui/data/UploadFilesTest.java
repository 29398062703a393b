package dev.netwright.ui.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netwright.ui.data.UploadFiles.Format;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class UploadFilesTest {

    @Test
    void mapsTheFourMnistFilesToTheirFields() {
        Map<String, String> fields = UploadFiles.fields(Format.IDX, List.of("t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"));
        assertEquals(Map.of("images", "train-images-idx3-ubyte.gz", "labels", "train-labels-idx1-ubyte.gz",
                "testImages", "t10k-images-idx3-ubyte.gz", "testLabels", "t10k-labels-idx1-ubyte.gz"), fields);
    }

    @Test
    void testFilesAreRecognisedByTestOrT10kInAnyCase() {
        assertEquals("testLabels", UploadFiles.idxField("fashion-TEST-Labels.idx1-ubyte"));
        assertEquals("testImages", UploadFiles.idxField("t10k-images.idx3-ubyte"));
        assertEquals("images", UploadFiles.idxField("train-images.idx3-ubyte"));
        assertEquals("labels", UploadFiles.idxField("train-labels.idx1-ubyte"));
    }

    @Test
    void idxNeedsImagesAndLabels() {
        var e = assertThrows(IllegalArgumentException.class, () -> UploadFiles.fields(Format.IDX, List.of("train-images-idx3-ubyte")));
        assertTrue(e.getMessage().contains("training labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UploadFiles.fields(Format.IDX,
                List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte")));
        assertTrue(e.getMessage().contains("test labels"), e.getMessage());
    }

    @Test
    void twoFilesForOneFieldAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> UploadFiles.fields(Format.IDX,
                List.of("a-labels", "b-labels", "images")));
        assertTrue(e.getMessage().contains("'a-labels'") && e.getMessage().contains("'b-labels'"), e.getMessage());
    }

    @Test
    void csvAndImageZipsTakeOneFile() {
        assertEquals(Map.of("file", "iris.csv"), UploadFiles.fields(Format.CSV, List.of("iris.csv")));
        assertEquals(Map.of("file", "letters.zip"), UploadFiles.fields(Format.IMAGES, List.of("letters.zip")));
        var e = assertThrows(IllegalArgumentException.class, () -> UploadFiles.fields(Format.CSV, List.of("a.csv", "b.csv")));
        assertTrue(e.getMessage().contains("a.csv, b.csv"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UploadFiles.fields(Format.CSV, List.of()));
    }

    @Test
    void guessesTheFormatFromTheName() {
        assertEquals(Format.CSV, UploadFiles.guessFormat("iris.csv"));
        assertEquals(Format.CSV, UploadFiles.guessFormat("data.TSV"));
        assertEquals(Format.CSV, UploadFiles.guessFormat("iris.csv.gz"));
        assertEquals(Format.IDX, UploadFiles.guessFormat("train-images-idx3-ubyte.gz"));
        assertEquals(Format.IDX, UploadFiles.guessFormat("train-labels.idx1-ubyte"));
        assertEquals(Format.IMAGES, UploadFiles.guessFormat("letters.zip"));
    }

    @Test
    void acceptsTablesZipsGzipAndIdxFilesOnly() {
        for (String ok : List.of("a.csv", "a.tsv", "a.txt", "a.zip", "a.gz", "train-images-idx3-ubyte", "x.idx1-ubyte")) {
            assertTrue(UploadFiles.accepted(ok), ok);
        }
        for (String no : List.of("a.pdf", "a.xlsx", "ubyte.png", "")) assertFalse(UploadFiles.accepted(no), no);
    }

    @Test
    void safeNamesKeepTheNameAndDropPathsAndOddCharacters() {
        assertEquals("flowers.csv", UploadFiles.safeName("flowers.csv"));
        assertEquals("train-images-idx3-ubyte.gz", UploadFiles.safeName("C:\\data\\train-images-idx3-ubyte.gz"));
        assertEquals("my_data__1_.csv", UploadFiles.safeName("../my data (1).csv"));
        assertEquals("Größe.csv", UploadFiles.safeName("Größe.csv"));
        assertEquals("upload", UploadFiles.safeName(".."));
        assertEquals("upload", UploadFiles.safeName(null));
    }
}
