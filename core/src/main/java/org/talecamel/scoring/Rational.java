package org.talecamel.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An exact fraction, kept in lowest terms with a positive denominator so that {@code equals} is value equality:
 * 1/2, 0.5 and 2/4 are the same {@code Rational}, 1/3 and 0.33 are not.
 */
public record Rational(BigInteger numerator, BigInteger denominator) {

    private static final BigInteger TWO = BigInteger.TWO;
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    public Rational {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("a fraction cannot have a zero denominator");
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (denominator.signum() < 0) {
            gcd = gcd.negate();
        }
        if (!gcd.equals(BigInteger.ONE)) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    public static Rational of(BigDecimal value) {
        return value.scale() > 0
                ? new Rational(value.unscaledValue(), BigInteger.TEN.pow(value.scale()))
                : new Rational(value.toBigIntegerExact(), BigInteger.ONE);
    }

    public Rational plus(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational times(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational dividedBy(Rational other) {
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public int signum() {
        return numerator.signum();
    }

    /** The exact decimal value, or empty when it has none (1/3 = 0.333...). */
    public Optional<BigDecimal> toBigDecimal() {
        BigInteger rest = denominator;
        while (rest.mod(TWO).signum() == 0) {
            rest = rest.divide(TWO);
        }
        while (rest.mod(FIVE).signum() == 0) {
            rest = rest.divide(FIVE);
        }
        if (!rest.equals(BigInteger.ONE)) {
            return Optional.empty();
        }
        // exact because the denominator has no prime factors but 2 and 5; scale is the smallest that holds it
        return Optional.of(new BigDecimal(numerator).divide(new BigDecimal(denominator)));
    }

    @Override
    public String toString() {
        return denominator.equals(BigInteger.ONE) ? numerator.toString() : numerator + "/" + denominator;
    }
}
