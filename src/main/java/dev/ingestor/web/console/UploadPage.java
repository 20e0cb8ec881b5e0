package dev.ingestor.web.console;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /upload}: files picked or dropped go to {@code POST /v1/ingest}; the page polls each one's status. */
@Controller
@Profile("serve")
class UploadPage {

	@GetMapping("/upload")
	String upload() {
		return "upload";
	}

}
