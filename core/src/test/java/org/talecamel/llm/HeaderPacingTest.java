package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacer's decisions on a clock the test moves: nothing here sleeps. */
class HeaderPacingTest {

    private static final String OPENAI = "https://api.openai.com/v1/chat/completions gpt-4o-mini";
    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    /** Each wait asked for, in milliseconds; the clock does not move, as for calls all waiting at once. */
    private final List<Long> waits = Collections.synchronizedList(new ArrayList<>());
    private final HeaderPacing pacing = new HeaderPacing(now::get, nanos -> waits.add(nanos / MS));

    private static RateLimitHeaders requests(long perMinute, long remaining, Duration reset) {
        return new RateLimitHeaders(new RateLimitHeaders.Limit(perMinute, remaining, reset), null);
    }

    private void send(int calls) throws InterruptedException {
        for (int i = 0; i < calls; i++) {
            pacing.beforeSend(OPENAI);
        }
    }

    @Test
    void should_never_wait_for_an_endpoint_that_sends_no_limits() throws InterruptedException {
        pacing.learn(OPENAI, RateLimitHeaders.NONE, 72);
        send(1000);

        assertThat(waits).isEmpty();
    }

    @Test
    void should_spread_calls_evenly_at_the_limit_over_a_minute() throws InterruptedException {
        // given: 3,000 a minute, nearly all left
        pacing.learn(OPENAI, requests(3000, 2999, Duration.ofMillis(20)), 72);

        // when: five calls at once
        send(5);

        // then: one every 20 ms, not five at once
        assertThat(waits).containsExactly(20L, 40L, 60L, 80L);
    }

    @Test
    void should_not_save_up_calls_while_idle_for_a_burst_later() throws InterruptedException {
        pacing.learn(OPENAI, requests(3000, 2999, Duration.ofMillis(20)), 72);
        send(1);
        now.addAndGet(5_000 * MS);

        send(3);

        assertThat(waits).containsExactly(20L, 40L);
    }

    @Test
    void should_wait_for_one_request_to_refill_when_none_is_left() throws InterruptedException {
        // given: a 429's headers: nothing left, fully restored in 1 s
        pacing.learn(OPENAI, requests(3000, 0, Duration.ofSeconds(1)), 0);

        send(2);

        // then: one refills in 20 ms (3,000 a minute), and the next goes 20 ms after it
        assertThat(waits).containsExactly(20L, 40L);
    }

    @Test
    void should_spread_what_is_left_until_the_reset() throws InterruptedException {
        // given: 100 a minute would allow one every 600 ms, but only 10 are left for the next 30 s
        pacing.learn(OPENAI, requests(100, 10, Duration.ofSeconds(30)), 72);

        send(3);

        assertThat(waits).containsExactly(3000L, 6000L);
    }

    @Test
    void should_space_calls_by_the_tokens_they_use() throws InterruptedException {
        // given: 60,000 tokens a minute (1,000 a second) and calls of 500 tokens; requests are no limit here
        RateLimitHeaders heard = new RateLimitHeaders(new RateLimitHeaders.Limit(10_000, 9_999, Duration.ZERO),
                new RateLimitHeaders.Limit(60_000, 59_500, Duration.ofMillis(500)));
        pacing.learn(OPENAI, heard, 500);

        send(3);

        assertThat(waits).containsExactly(500L, 1000L);
    }

    @Test
    void should_wait_until_a_call_s_tokens_have_refilled() throws InterruptedException {
        // given: calls of 500 tokens, 100 left, 1,000 tokens a second
        RateLimitHeaders heard = new RateLimitHeaders(null,
                new RateLimitHeaders.Limit(60_000, 100, Duration.ofSeconds(59)));
        pacing.learn(OPENAI, heard, 500);

        send(1);

        assertThat(waits).containsExactly(400L);
    }

    @Test
    void should_pace_each_endpoint_and_model_apart() throws InterruptedException {
        pacing.learn(OPENAI, requests(60, 59, Duration.ofSeconds(1)), 72);

        for (int i = 0; i < 10; i++) {
            pacing.beforeSend("http://localhost:8000/v1/chat/completions llama");
            pacing.beforeSend(OPENAI.replace("gpt-4o-mini", "gpt-4o"));
        }

        assertThat(waits).isEmpty();
    }

    @Test
    void should_give_calls_in_flight_together_each_their_own_moment() throws Exception {
        pacing.learn(OPENAI, requests(6000, 5999, Duration.ofMillis(10)), 72);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(threads.submit(() -> {
                    send(50);
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get(10, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        // 400 calls, one every 10 ms: the first at once, then 10, 20, ... 3,990 ms, none twice
        assertThat(waits).hasSize(399).doesNotHaveDuplicates().allMatch(ms -> ms % 10 == 0 && ms <= 3990);
    }

    @Test
    void should_not_hold_other_calls_back_while_one_sleeps() throws Exception {
        // given: a call that sleeps until the test lets it go
        CountDownLatch sleeping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HeaderPacing sleepy = new HeaderPacing(now::get, nanos -> {
            sleeping.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        sleepy.learn(OPENAI, requests(3000, 0, Duration.ofSeconds(1)), 0);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> {
                sleepy.beforeSend(OPENAI);
                return null;
            });
            assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();

            // when: another response arrives while it sleeps
            Future<?> other = threads.submit(() -> sleepy.learn(OPENAI, requests(3000, 2999, Duration.ZERO), 72));

            // then: it is learned at once (this would time out if the sleeper held the lock)
            other.get(5, TimeUnit.SECONDS);
            release.countDown();
            first.get(5, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }
}
