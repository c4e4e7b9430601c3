package org.maraude.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Pseudonymous keys: 64-char lowercase hex SHA-256 of a namespaced id and the seed (the stand-in for
 * the HMAC of the contract). The same youth number gives the same key in every project and the registry.
 */
final class Keys {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final MessageDigest sha;
    private final String suffix;

    Keys(long seed) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        suffix = ":" + seed;
    }

    String youth(long n) { return hex("youth:" + n + suffix); }

    /** Youth known to the registry who never contact any project. */
    String registryOnly(long n) { return hex("youth:r" + n + suffix); }

    String visitor(String project, long n) { return hex("visitor:" + project + ":" + n + suffix); }

    String mediator(String project, int n) { return hex("mediator:" + project + ":" + n + suffix); }

    String hex(String s) {
        byte[] d = sha.digest(s.getBytes(StandardCharsets.UTF_8));
        char[] c = new char[64];
        for (int i = 0; i < 32; i++) {
            c[2 * i] = HEX[(d[i] >> 4) & 15];
            c[2 * i + 1] = HEX[d[i] & 15];
        }
        return new String(c);
    }
}
