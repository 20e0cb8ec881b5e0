package dev.ingestor.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Vectors as little-endian float32 bytes: compact, and readable by numpy's {@code frombuffer}. */
public final class VectorCodec {

	private VectorCodec() {
	}

	public static byte[] encode(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(vector);
		return buffer.array();
	}

	public static float[] decode(byte[] bytes) {
		float[] vector = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
		return vector;
	}

}
