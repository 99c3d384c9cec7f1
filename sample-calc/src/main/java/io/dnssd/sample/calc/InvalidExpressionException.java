package io.dnssd.sample.calc;

/**
 * Thrown when an {@link Expression} cannot be evaluated; the message says why and where.
 */
public class InvalidExpressionException extends IllegalArgumentException {

	private final int position;

	/**
	 * Creates an exception.
	 * @param message what is wrong, naming the position
	 * @param position where, counted from 1
	 */
	public InvalidExpressionException(String message, int position) {
		super(message);
		this.position = position;
	}

	/**
	 * Returns where the expression is wrong.
	 * @return the position of the fault, counted from 1
	 */
	public int getPosition() {
		return this.position;
	}

}
