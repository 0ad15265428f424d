package org.talecamel.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void should_take_every_made_up_problem_through_the_request_the_response_and_the_score() {
        // when
        int correct = Warmup.run();

        // then: each made-up answer was written, parsed and scored like a real one; nothing was written to disk
        assertThat(correct).isEqualTo(Warmup.ROUNDS);
        assertThat(Path.of("warm-up")).doesNotExist();
    }
}
