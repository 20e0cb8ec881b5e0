package dev.ingestor.split;

import java.util.Arrays;

/** A growable list of token spans, as pairs of ints, without boxing. */
final class Spans {

	private int[] values;

	private int size;

	Spans(int capacity) {
		this.values = new int[Math.max(capacity, 8) * 2];
	}

	void add(int start, int end) {
		if (2 * this.size + 2 > this.values.length) {
			this.values = Arrays.copyOf(this.values, this.values.length * 2);
		}
		this.values[2 * this.size] = start;
		this.values[2 * this.size + 1] = end;
		this.size++;
	}

	int size() {
		return this.size;
	}

	void truncate(int size) {
		this.size = size;
	}

	int[] toArray() {
		return Arrays.copyOf(this.values, 2 * this.size);
	}

}
