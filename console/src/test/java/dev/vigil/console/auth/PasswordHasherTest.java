package dev.vigil.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void owaspParametersInTheSelfDescribingForm() {
        String hash = new PasswordHasher().hash("correct horse battery");
        assertThat(hash)
                .matches(
                        "\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void verifiesOnlyTheRightPasswordWithTheHashsOwnParameters() {
        PasswordHasher cheap = new PasswordHasher(1024, 1, 1);
        String hash = cheap.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        // A hasher with other parameters still verifies it: the hash carries its own.
        PasswordHasher other = new PasswordHasher(2048, 2, 1);
        assertThat(other.verify("correct horse battery", hash)).isTrue();
        assertThat(other.verify("correct horse batterY", hash)).isFalse();
        assertThat(cheap.hash("correct horse battery")).isNotEqualTo(hash);
    }

    @Test
    void aMalformedHashNeverVerifies() {
        PasswordHasher hasher = new PasswordHasher(1024, 1, 1);
        assertThat(hasher.verify("x", "pbkdf2-sha256$1$abc$def")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify(null, hasher.hash("x"))).isFalse();
    }
}
