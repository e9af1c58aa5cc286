package dev.imagegate.sigstore;

import java.time.Instant;

/**
 * A transparency log entry whose SET verified and which matches the signature: the log's time is
 * trusted.
 */
public record VerifiedLogEntry(
    Instant integratedTime, long logIndex, String logIdHex, String kindVersion) {}
