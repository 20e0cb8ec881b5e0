package dev.ingestor.web;

/** The whole intake API, on every database we support: each test class implements this. */
interface IntakeApiContract extends UploadContract, ReadAndDeleteContract {

}
