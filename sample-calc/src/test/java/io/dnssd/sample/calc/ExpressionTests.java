package io.dnssd.sample.calc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExpressionTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			(2+6)*3           | 24
			2+6*3             | 20
			 2 + 6 * 3        | 20
			10-4-3            | 3
			12/4/3            | 1
			-3*-2             | 6
			-(2+3)            | -5
			--2               | 2
			1.5+2.25          | 3.75
			0.1+0.2           | 0.3
			1/3               | 0.3333333333333333333333333333333333
			7/2               | 3.5
			2-5               | -3
			1.50*2            | 3
			100*100*100       | 1000000
			""")
	void evaluatesWithTheUsualPrecedence(String expression, String expected) {
		assertThat(Expression.evaluate(expression).toPlainString()).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2+                | Expected a number or '(' but the expression ended at position 3 | 3
			(2+6*3            | Missing ')' at position 7                                        | 7
			2+6)              | Unexpected ')' at position 4                                      | 4
			2 x 3             | Unexpected 'x' at position 3                                      | 3
			2..5              | Expected a digit after '.' at position 3                          | 3
			*3                | Expected a number or '(' but found '*' at position 1             | 1
			1e5               | Unexpected 'e' at position 2                                      | 2
			''                | Expected a number or '(' but the expression ended at position 1 | 1
			""")
	void namesThePositionOfTheError(String expression, String message, int position) {
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> Expression.evaluate(expression))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getPosition()).isEqualTo(position));
	}

	@Test
	void rejectsDivisionByZero() {
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> Expression.evaluate("4/(2-2)"))
			.withMessage("Division by zero at position 2");
	}

	@Test
	void boundsTheNestingDepth() {
		String deep = "(".repeat(Expression.MAX_DEPTH + 1) + "1" + ")".repeat(Expression.MAX_DEPTH + 1);
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> Expression.evaluate(deep))
			.withMessage("Nesting deeper than 50 at position 51");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Expression.evaluate("-".repeat(Expression.MAX_DEPTH + 1) + "1"))
			.withMessageStartingWith("Nesting deeper than 50");
		String allowed = "(".repeat(Expression.MAX_DEPTH) + "1" + ")".repeat(Expression.MAX_DEPTH);
		assertThat(Expression.evaluate(allowed)).isEqualByComparingTo("1");
	}

	@Test
	void boundsTheLength() {
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Expression.evaluate("1+".repeat(250) + "1"))
			.withMessage("Expression is 501 characters long; at most 500 are accepted");
	}

	@Test
	void roundsHugeProductsToThirtyFourDigits() {
		String factor = "9".repeat(60);
		String result = Expression.evaluate(factor + "*" + factor + "*" + factor).toPlainString();
		assertThat(result).isEqualTo("1" + "0".repeat(180));
		assertThat(Expression.evaluate("1" + "0".repeat(40) + "+1").toPlainString()).isEqualTo("1" + "0".repeat(40));
	}

}
