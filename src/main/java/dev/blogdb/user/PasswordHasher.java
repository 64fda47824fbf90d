package dev.blogdb.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Hashes passwords with Argon2id and checks them. Parameters, as OWASP's Password Storage Cheat Sheet
 * recommends for Argon2id: 19 MiB of memory, 2 iterations, parallelism 1, a 32-byte hash and a
 * random 16-byte salt per password. The result is a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash})
 * that carries its own parameters, so hashes made with other parameters still verify.
 */
public final class PasswordHasher {

    /** Memory cost in KiB. */
    public static final int MEMORY_KIB = 19_456;
    /** Number of passes over memory. */
    public static final int ITERATIONS = 2;
    /** Lanes computed in parallel. */
    public static final int PARALLELISM = 1;
    /** Length of the hash in bytes. */
    public static final int HASH_BYTES = 32;
    /** Length of each password's random salt in bytes. */
    public static final int SALT_BYTES = 16;

    private static final PasswordHasher STANDARD = new PasswordHasher();

    private final Argon2Function argon2id =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
    /** Checked against when there is no user, so that an unknown email costs as much as a wrong password. */
    private final String decoyHash = hash("decoy password that no account has");

    private PasswordHasher() {}

    /** The hasher with the parameters above; it is thread-safe. */
    public static PasswordHasher standard() {
        return STANDARD;
    }

    /** A new PHC hash of {@code password}, with a fresh random salt. */
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(argon2id).getResult();
    }

    /** Whether {@code password} is the one {@code hash} was made from. */
    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /**
     * Whether {@code hash} is a hash this hasher can check a password against: an Argon2 PHC string
     * such as {@link #hash} makes. Stored for a user, any other string would let nobody log in.
     */
    public boolean canCheck(String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        try {
            Argon2Function.getInstanceFromHash(hash);
            return true;
        } catch (RuntimeException notArgon2) {
            return false;
        }
    }

    /** Does the work of {@link #matches} against a decoy hash: what checking a user that does not exist costs. */
    public void verifyAgainstDecoy(String password) {
        matches(password, decoyHash);
    }
}
