package org.talecamel.run;

/** One budget level of the elasticity sweep on one data set: the budget asked for against what the model did. */
public record ElasticityPoint(String dataset, String model, String level, double meanBudget, int problems, double meanOutputTokens,
                             double accuracy) {
}
