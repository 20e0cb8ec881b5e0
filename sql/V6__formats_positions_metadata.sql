-- Issue 15: where each chunk sits in its document, and what the document says about itself.
-- position: "slide 3", "sheet Budget rows 51-100", "section Installation", "attachment notes.txt",
-- "OCR" (text read by tesseract); NULL when page_start/page_end say it all.
ALTER TABLE document_chunk ADD COLUMN position VARCHAR(500) NULL;

-- Metadata as the file states it (NULL where it states nothing).
ALTER TABLE document_version ADD COLUMN title VARCHAR(500) NULL;
ALTER TABLE document_version ADD COLUMN author VARCHAR(255) NULL;
ALTER TABLE document_version ADD COLUMN language VARCHAR(35) NULL;
ALTER TABLE document_version ADD COLUMN source_created_at DATETIME(6) NULL;
