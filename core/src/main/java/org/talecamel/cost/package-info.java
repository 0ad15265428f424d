/**
 * Cost: what a method's tokens would cost at a model's list price, for the expense the reports show beside them.
 *
 * <p>{@link org.talecamel.cost.PriceTable} reads the prices from {@code config/prices.csv}, which users keep
 * current: tale-camel never fetches prices. {@link org.talecamel.cost.Price#costUsd} is exact BigDecimal arithmetic
 * ({@link org.talecamel.cost.Price#batchCostUsd} likewise for a call answered in a batch, at the batch price),
 * and {@link org.talecamel.cost.Expense} writes the figures. A model without a price gives no figure at all
 * ("price unknown"): a cost of 0 would read as free. Plain Java, no Camel.
 */
package org.talecamel.cost;
