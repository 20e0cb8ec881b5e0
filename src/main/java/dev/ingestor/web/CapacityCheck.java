package dev.ingestor.web;

import dev.ingestor.queue.Intake;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers 503 to an upload while the queue is full before its body is read (multipart parsing
 * is lazy), so a client does not send a large file only to be told to come back later.
 */
@Configuration(proxyBeanMethods = false)
@Profile("serve")
class CapacityCheck implements WebMvcConfigurer, HandlerInterceptor {

	private final Intake intake;

	CapacityCheck(Intake intake) {
		this.intake = intake;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/v1/ingest");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if ("POST".equals(request.getMethod())) {
			this.intake.checkCapacity();
		}
		return true;
	}

}
