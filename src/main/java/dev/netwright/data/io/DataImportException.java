package dev.netwright.data.io;

/**
 * A user's file cannot be imported. The message is meant for that user: it says what is wrong and where
 * (row and column of a CSV file, entry of a zip, file and byte counts of an IDX file).
 */
public class DataImportException extends RuntimeException {

    public DataImportException(String message) {
        super(message);
    }

    public DataImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
