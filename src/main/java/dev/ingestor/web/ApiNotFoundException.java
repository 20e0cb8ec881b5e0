package dev.ingestor.web;

/** An id the caller's tenant does not have; another tenant's ids look exactly like this, so none can be probed. */
public class ApiNotFoundException extends RuntimeException {

	public ApiNotFoundException(String what, long id) {
		super(what + " " + id + " not found");
	}

}
