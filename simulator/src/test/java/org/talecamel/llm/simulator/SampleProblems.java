package org.talecamel.llm.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.talecamel.problems.Problem;

/** GSM8K-style problems for the simulator's tests, written as JSONL where a test needs a knowledge file. */
final class SampleProblems {

    static final String HOUSE = "Josh decides to try flipping a house.  He buys a house for $80,000 and then puts in"
            + " $50,000 in repairs.  This increased the value of the house by 150%.  How much profit did he make?";
    static final String HOUSE_SOLUTION = "The cost of the house and repairs came out to 80,000+50,000=$<<80000+50000=130000>>130,000\n"
            + "He increased the value of the house by 80,000*1.5=<<80000*1.5=120000>>120,000\n"
            + "So the new value of the house is 120,000+80,000=$<<120000+80000=200000>>200,000\n"
            + "So he made a profit of 200,000-130,000=$<<200000-130000=70000>>70,000\n#### 70000";
    static final String DUCKS = "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes"
            + " muffins for her friends every day with four. She sells the remainder at the farmers' market daily for"
            + " $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?";
    static final String DUCKS_SOLUTION = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n"
            + "She makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18";
    static final String SPRINTS = "James decides to run 3 sprints 3 times a week.  He runs 60 meters each sprint."
            + "  How many total meters does he run a week?";
    static final String SPRINTS_SOLUTION = "He sprints 3*3=<<3*3=9>>9 times\nSo he runs 9*60=<<9*60=540>>540 meters\n#### 540";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleProblems() {
    }

    static Path writeKnown(Path dir) throws IOException {
        return write(dir.resolve("known.jsonl"), List.of(
                Map.of("question", HOUSE, "answer", HOUSE_SOLUTION),
                Map.of("question", DUCKS, "answer", DUCKS_SOLUTION),
                Map.of("question", SPRINTS, "answer", SPRINTS_SOLUTION)));
    }

    static Path write(Path file, List<Map<String, String>> problems) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Map<String, String> problem : problems) {
            lines.add(JSON.writeValueAsString(problem));
        }
        Files.createDirectories(file.getParent());
        return Files.write(file, lines);
    }

    /** One-step problems: "Ann has 3 apples and buys 4 more...". */
    static List<Map<String, String>> oneStep(int count) {
        List<Map<String, String>> problems = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int a = 3 + i;
            int b = 2 * i + 1;
            problems.add(Map.of(
                    "question", "Ann has " + a + " apples and buys " + b + " more. How many apples does Ann have now?",
                    "answer", "Ann has " + a + "+" + b + "=<<" + a + "+" + b + "=" + (a + b) + ">>" + (a + b)
                            + " apples.\n#### " + (a + b)));
        }
        return problems;
    }

    /** Six-step problems about a bakery, each step building on the last. */
    static List<Map<String, String>> sixSteps(int count) {
        List<Map<String, String>> problems = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int trays = 2 + i;
            int perTray = 12;
            int loaves = trays * perTray;
            int sold = loaves / 2;
            int left = loaves - sold;
            int price = 3;
            int revenue = sold * price;
            int cost = 10 + i;
            int profit = revenue - cost;
            int weekly = profit * 7;
            problems.add(Map.of(
                    "question", "A bakery bakes " + trays + " trays of 12 loaves each morning and sells half of them"
                            + " for $3 each. Ingredients cost $" + cost + " a day. How much profit does the bakery"
                            + " make in a week, and how many loaves are left each day?",
                    "answer", "The bakery bakes " + trays + "*" + perTray + "=<<" + trays + "*" + perTray + "=" + loaves
                            + ">>" + loaves + " loaves a day.\n"
                            + "It sells half of them, which is " + loaves + "/2=<<" + loaves + "/2=" + sold + ">>" + sold
                            + " loaves.\n"
                            + "So " + loaves + "-" + sold + "=<<" + loaves + "-" + sold + "=" + left + ">>" + left
                            + " loaves are left each day.\n"
                            + "Selling " + sold + " loaves at $3 brings in " + sold + "*3=$<<" + sold + "*3=" + revenue
                            + ">>" + revenue + " a day.\n"
                            + "After paying for ingredients it keeps " + revenue + "-" + cost + "=$<<" + revenue + "-"
                            + cost + "=" + profit + ">>" + profit + " a day.\n"
                            + "In a week that is " + profit + "*7=$<<" + profit + "*7=" + weekly + ">>" + weekly + ".\n"
                            + "#### " + weekly));
        }
        return problems;
    }

    /** Single-choice problems with four options, the right letter going round A, B, C, D. */
    static List<Problem> choices(int count) {
        List<Problem> problems = new ArrayList<>();
        String[] colours = {"red", "blue", "green", "yellow"};
        for (int i = 1; i <= count; i++) {
            String answer = String.valueOf((char) ('A' + i % 4));
            problems.add(new Problem("choices.jsonl", i, "choice-" + i, "In survey " + i + ", " + (20 + i)
                    + " pupils named their favourite colour. Which colour did most of them name?", answer,
                    List.of(colours), null));
        }
        return problems;
    }

    /** Written-out calculations such as "Calculate (12 + 7) * 3.", with plain values as answers. */
    static List<Problem> calculations(int count) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int a = 11 + i;
            int b = 3 + i % 17;
            int c = 2 + i % 5;
            String question = i % 2 == 0 ? "Calculate " + a + " * " + b + "." : "What is (" + a + " + " + b + ") * " + c + "?";
            int answer = i % 2 == 0 ? a * b : (a + b) * c;
            problems.add(new Problem("arithmetic.jsonl", i, "calc-" + i, question, answer + ".0"));
        }
        return problems;
    }

    /** GSM8K-Zero-style questions that state their own answer. */
    static List<Problem> stated(int count) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int cows = 5 + i;
            problems.add(new Problem("stated.jsonl", i, "stated-" + i, "A farm keeps " + cows + " cows, and it has"
                    + " twice as many sheep as cows. Each sheep gives 3 kg of wool. How many cows does the farm keep?",
                    cows + ".0"));
        }
        return problems;
    }
}
