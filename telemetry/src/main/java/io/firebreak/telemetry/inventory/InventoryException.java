package io.firebreak.telemetry.inventory;

/** A site inventory that cannot be used; the message names the file, the key and the problem. */
public final class InventoryException extends RuntimeException {

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
