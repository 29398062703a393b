package dev.netwright.datasets;

import java.util.List;

/** Deleting a data set that runs trained on would make those runs irreproducible; the API answers 409. */
public class DatasetInUseException extends RuntimeException {
    public DatasetInUseException(String id, List<Long> runIds) {
        super("Data set " + id + " cannot be deleted: run" + (runIds.size() == 1 ? " " : "s ") + runIds
                + (runIds.size() == 1 ? " was" : " were") + " trained on it and must stay reproducible");
    }
}
