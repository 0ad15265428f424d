package org.talecamel.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.talecamel.run.ElasticityPoint;
import org.talecamel.run.SearchPoint;

/** The charts are real PNG images; examples are left in target/charts/ to look at. */
class ChartsTest {

    @Test
    void should_draw_the_token_distribution_of_100000_problems_per_method() throws Exception {
        // given
        Random random = new Random(1);
        Map<String, int[]> tokens = new LinkedHashMap<>();
        tokens.put("cot", random.ints(100_000, 150, 500).toArray());
        tokens.put("tale-ep", random.ints(100_000, 30, 150).toArray());

        // when
        byte[] png = Charts.tokenDistribution(tokens);

        // then
        assertIsPng(png, "distribution.png");
    }

    @Test
    void should_draw_the_elasticity_curve_with_accuracy_on_a_second_axis() throws Exception {
        byte[] png = Charts.elasticity(List.of(
                new ElasticityPoint("gsm8k", "gpt-4o-mini", "1/32", 10, 100, 161, 0.60),
                new ElasticityPoint("gsm8k", "gpt-4o-mini", "1/8", 40, 100, 110, 0.78),
                new ElasticityPoint("gsm8k", "gpt-4o-mini", "1/4", 80, 100, 70, 0.84),
                new ElasticityPoint("gsm8k", "gpt-4o-mini", "1", 320, 100, 300, 0.81)));

        assertIsPng(png, "elasticity.png");
    }

    @Test
    void should_draw_the_optimal_budget_against_the_cot_tokens() throws Exception {
        byte[] png = Charts.search(List.of(new SearchPoint("gsm8k", "gpt-4o-mini", "a", 300, 75, 70, 2),
                new SearchPoint("gsm8k", "gpt-4o-mini", "b", 420, 105, 90, 2), new SearchPoint("zero", "gpt-4o-mini", "c", 120, 30, 28, 2)));

        assertIsPng(png, "search.png");
    }

    @Test
    void should_embed_a_chart_as_a_data_uri() {
        assertThat(Charts.dataUri(new byte[] {1, 2, 3})).isEqualTo("data:image/png;base64,AQID");
    }

    private static void assertIsPng(byte[] png, String name) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(760);
        assertThat(image.getHeight()).isEqualTo(420);
        Path dir = Files.createDirectories(Path.of("target/charts"));
        Files.write(dir.resolve(name), png);
    }
}
