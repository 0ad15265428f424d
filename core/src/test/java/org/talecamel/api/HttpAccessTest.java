package org.talecamel.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAccessTest {

    private static final String TOKEN = "0123456789abcdef-secret";

    @Test
    void should_let_anyone_on_this_machine_call_a_loopback_server_without_a_token() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"}) {
            HttpAccess access = HttpAccess.of(host, null, null);
            assertThat(access.tokenRequired()).as(host).isFalse();
            assertThat(access.check(null)).isEqualTo(HttpAccess.Verdict.ALLOWED);
        }
    }

    @Test
    void should_refuse_any_other_address_without_a_token() {
        for (String host : new String[] {"0.0.0.0", "::", "192.168.1.20", "", "no-such-host.invalid"}) {
            assertThatThrownBy(() -> HttpAccess.of(host, null, null)).as(host)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("set tale.http.token").hasMessageContaining("was not started");
        }
    }

    @Test
    void should_tell_a_missing_token_from_a_wrong_one() {
        HttpAccess access = HttpAccess.of("0.0.0.0", TOKEN, null);
        assertThat(access.check(null)).isEqualTo(HttpAccess.Verdict.MISSING_TOKEN);
        assertThat(access.check("Basic dXNlcjpwYXNz")).isEqualTo(HttpAccess.Verdict.MISSING_TOKEN);
        assertThat(access.check("Bearer wrong-token-of-some-length")).isEqualTo(HttpAccess.Verdict.WRONG_TOKEN);
        assertThat(access.check("Bearer " + TOKEN + "x")).isEqualTo(HttpAccess.Verdict.WRONG_TOKEN);
        assertThat(access.check("Bearer " + TOKEN)).isEqualTo(HttpAccess.Verdict.ALLOWED);
        assertThat(access.check("bearer  " + TOKEN + " ")).isEqualTo(HttpAccess.Verdict.ALLOWED);
    }

    @Test
    void should_read_the_token_from_a_secrets_file(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        HttpAccess access = HttpAccess.of("0.0.0.0", null, file.toString());
        assertThat(access.check("Bearer " + TOKEN)).isEqualTo(HttpAccess.Verdict.ALLOWED);
    }

    @Test
    void should_refuse_a_short_token_an_empty_file_or_both_settings_without_showing_the_token(@TempDir Path dir)
            throws Exception {
        assertThatThrownBy(() -> HttpAccess.of("127.0.0.1", "short-secret", null))
                .hasMessageContaining("shorter than 16 characters").hasMessageNotContaining("short-secret");
        Path empty = Files.writeString(dir.resolve("empty"), " \n");
        assertThatThrownBy(() -> HttpAccess.of("0.0.0.0", null, empty.toString())).hasMessageContaining("is empty");
        assertThatThrownBy(() -> HttpAccess.of("0.0.0.0", null, dir.resolve("missing").toString()))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> HttpAccess.of("0.0.0.0", TOKEN, empty.toString()))
                .hasMessageContaining("not both").hasMessageNotContaining(TOKEN);
    }
}
