package org.talecamel.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test parser of the Prometheus text format accepts what Prometheus accepts and names what it would refuse. */
class PrometheusTextTest {

    private static final String VALID = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # A plain comment
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
            metric_without_timestamp_and_labels 12.47
            something_weird{problem="division by zero"} +Inf -3982045
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """;

    @Test
    void should_read_the_families_samples_labels_and_values_of_a_valid_exposition() {
        PrometheusText text = PrometheusText.parse(VALID);

        assertThat(text.family("http_requests_total").type()).isEqualTo("counter");
        assertThat(text.family("http_requests_total").help()).isEqualTo("The total number of HTTP requests.");
        assertThat(text.sum("http_requests_total")).isEqualTo(1030);
        assertThat(text.sum("http_requests_total", l -> l.get("code").equals("400"))).isEqualTo(3);
        assertThat(text.family("msdos_file_access_time_seconds").samples().get(0).labels())
                .isEqualTo(Map.of("path", "C:\\DIR\\FILE.TXT", "error", "Cannot find file:\n\"FILE.TXT\""));
        assertThat(text.sum("something_weird")).isInfinite();
        assertThat(text.family("http_request_duration_seconds").samples()).hasSize(5);
        assertThat(text.family("rpc_duration_seconds").type()).isEqualTo("summary");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "1bad_name 1                                              | invalid metric name",
        "ok{1le=\"x\"} 1                                          | invalid label name",
        "ok{le=\"x\\t\"} 1                                        | invalid escape",
        "ok{le=\"x} 1                                             | unterminated label value",
        "ok{le=\"x\" code=\"y\"} 1                                | expected ',' or '}'",
        "ok 1,5                                                   | invalid number",
        "ok 1 12.5                                                | invalid timestamp",
        "ok{a=\"1\",a=\"2\"} 1                                    | given twice",
        "# TYPE ok countr                                         | unknown type",
        "ok 1\\nok 2                                              | appears twice",
        "a 1\\nb 1\\na{x=\"y\"} 1                                 | are not together",
        "ok 1\\n# TYPE ok gauge                                   | after its samples",
        "# TYPE h histogram\\nh_bucket{le=\"1\"} 1\\nh_count 1   | no le=\"+Inf\" bucket",
        "# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 2\\nh_count 1 | is not the +Inf bucket's",
        "# TYPE h histogram\\nh_bucket{le=\"1\"} 2\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1 | bucket counts decrease",
        "# TYPE h histogram\\nh 1                                 | does not fit histogram",
    })
    void should_refuse_what_prometheus_would_refuse(String exposition, String reason) {
        String text = exposition.strip().replace("\\n", "\n") + "\n";

        assertThatThrownBy(() -> PrometheusText.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason.strip());
    }
}
