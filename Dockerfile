# rag-ingestor image: built from source with Maven, run on a JRE 17. `docker compose up` uses it
# (see docker-compose.yml); on its own: docker build -t rag-ingestor . && docker run rag-ingestor daemon

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY sql ./sql
COPY src ./src
# The tests need a database server; CI runs them, the image build only packages.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
# OCR of scanned PDF pages and images (INGEST_OCR=auto): tesseract with its English data.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
    && rm -rf /var/lib/apt/lists/*
# An unprivileged user; /data is created here so that a new named volume inherits its owner.
RUN useradd --system --uid 10001 --home-dir /app ingestor \
    && mkdir -p /app /data/storage /data/inbox \
    && chown -R ingestor /app /data
WORKDIR /app
COPY --from=build /src/target/rag-ingestor.jar /app/rag-ingestor.jar
USER 10001
ENV INGEST_STORAGE_DIR=/data/storage
# Exec form: java is PID 1 and receives SIGTERM itself, so `docker stop` stops the run cleanly.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/rag-ingestor.jar"]
CMD ["daemon"]
