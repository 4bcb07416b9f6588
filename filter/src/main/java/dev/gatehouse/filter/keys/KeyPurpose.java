package dev.gatehouse.filter.keys;

/** What a configured key is for; decides which key material, {@code use} and {@code key_ops} are acceptable. */
public enum KeyPurpose {
    /** Private (or symmetric) keys that decrypt the outer JWE. */
    DECRYPT("enc", "decrypt", "unwrapKey", "deriveKey"),
    /** Public keys that verify the inner JWS. */
    VERIFY("sig", "verify");

    private final String use;
    private final java.util.Set<String> operations;

    KeyPurpose(String use, String... operations) {
        this.use = use;
        this.operations = java.util.Set.of(operations);
    }

    /** The JWK {@code use} value that matches this purpose (RFC 7517 §4.2). */
    public String use() {
        return use;
    }

    /** Whether a JWK {@code key_ops} entry allows this purpose (RFC 7517 §4.3). */
    public boolean allowsOperation(String operation) {
        return operations.contains(operation);
    }
}
