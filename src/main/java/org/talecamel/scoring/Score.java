package org.talecamel.scoring;

public record Score(String expected, String extracted, boolean correct) {
}
