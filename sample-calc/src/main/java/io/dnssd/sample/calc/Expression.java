package io.dnssd.sample.calc;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Evaluates an arithmetic expression: {@code + - * /}, parentheses, unary minus, integers
 * and decimals, with the usual precedence ("(2+6)*3" is 24). Arithmetic is decimal with
 * 34 significant digits ({@link MathContext#DECIMAL128}).
 * <p>
 * The input is bounded in length and nesting depth, so no input can exhaust the stack,
 * and with bounded precision every operation takes bounded time.
 */
public final class Expression {

	/** Longest expression accepted, in characters. */
	public static final int MAX_LENGTH = 500;

	/** Deepest nesting of parentheses and unary minus accepted. */
	public static final int MAX_DEPTH = 50;

	private static final MathContext PRECISION = MathContext.DECIMAL128;

	private final String text;

	private int position;

	private int depth;

	private Expression(String text) {
		this.text = text;
	}

	/**
	 * Evaluates an expression.
	 * @param text the expression, such as "(2+6)*3"
	 * @return the value, without trailing zeros
	 * @throws InvalidExpressionException if the expression is malformed, too long, too
	 * deeply nested, or divides by zero; the message names the position (counted from 1)
	 */
	public static BigDecimal evaluate(String text) {
		if (text.length() > MAX_LENGTH) {
			throw new InvalidExpressionException(
					"Expression is " + text.length() + " characters long; at most " + MAX_LENGTH + " are accepted",
					MAX_LENGTH + 1);
		}
		Expression expression = new Expression(text);
		BigDecimal value = expression.sum();
		expression.skipSpaces();
		if (expression.position < text.length()) {
			throw expression.error("Unexpected '" + text.charAt(expression.position) + "'");
		}
		return value.stripTrailingZeros();
	}

	private BigDecimal sum() {
		BigDecimal value = product();
		while (true) {
			if (take('+')) {
				value = value.add(product(), PRECISION);
			}
			else if (take('-')) {
				value = value.subtract(product(), PRECISION);
			}
			else {
				return value;
			}
		}
	}

	private BigDecimal product() {
		BigDecimal value = unary();
		while (true) {
			if (take('*')) {
				value = value.multiply(unary(), PRECISION);
			}
			else if (peek('/')) {
				int operator = this.position;
				this.position++;
				BigDecimal divisor = unary();
				if (divisor.signum() == 0) {
					throw new InvalidExpressionException("Division by zero at position " + (operator + 1),
							operator + 1);
				}
				value = value.divide(divisor, PRECISION);
			}
			else {
				return value;
			}
		}
	}

	private BigDecimal unary() {
		skipSpaces();
		int minus = this.position;
		if (take('-')) {
			enter(minus);
			BigDecimal value = unary().negate(PRECISION);
			this.depth--;
			return value;
		}
		return primary();
	}

	private BigDecimal primary() {
		skipSpaces();
		int open = this.position;
		if (take('(')) {
			enter(open);
			BigDecimal value = sum();
			if (!take(')')) {
				throw error(
						atEnd() ? "Missing ')'" : "Expected ')' but found '" + this.text.charAt(this.position) + "'");
			}
			this.depth--;
			return value;
		}
		return number();
	}

	private BigDecimal number() {
		int start = this.position;
		while (!atEnd() && Character.isDigit(this.text.charAt(this.position))) {
			this.position++;
		}
		if (!atEnd() && this.text.charAt(this.position) == '.' && this.position > start) {
			this.position++;
			int fraction = this.position;
			while (!atEnd() && Character.isDigit(this.text.charAt(this.position))) {
				this.position++;
			}
			if (this.position == fraction) {
				throw error("Expected a digit after '.'");
			}
		}
		if (this.position == start) {
			throw error(atEnd() ? "Expected a number or '(' but the expression ended"
					: "Expected a number or '(' but found '" + this.text.charAt(this.position) + "'");
		}
		return new BigDecimal(this.text.substring(start, this.position));
	}

	private void enter(int at) {
		if (++this.depth > MAX_DEPTH) {
			throw new InvalidExpressionException("Nesting deeper than " + MAX_DEPTH + " at position " + (at + 1),
					at + 1);
		}
	}

	private boolean take(char c) {
		if (peek(c)) {
			this.position++;
			return true;
		}
		return false;
	}

	private boolean peek(char c) {
		skipSpaces();
		return !atEnd() && this.text.charAt(this.position) == c;
	}

	private void skipSpaces() {
		while (!atEnd() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private boolean atEnd() {
		return this.position >= this.text.length();
	}

	private InvalidExpressionException error(String message) {
		return new InvalidExpressionException(message + " at position " + (this.position + 1), this.position + 1);
	}

}
