package org.speechforum.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer of a service as problem+json written for a person, at the three places one is made:
 * Spring MVC's exception handling ({@link HumanProblemHandler}, unless the service declares its own handler,
 * which should extend it), the {@code /error} page ({@link ProblemErrorController}) and Tomcat's own refusals
 * ({@link ProblemErrorValve}).
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
public class PipelineWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    DefaultProblemHandler defaultProblemHandler() {
        return new DefaultProblemHandler();
    }

    /** The handler of a service that declares none (enrich-service: health and metrics only). */
    @RestControllerAdvice
    static class DefaultProblemHandler extends HumanProblemHandler {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatErrors {

        /**
         * Runs after Spring Boot's own Tomcat customizer (order 0), which adds a plain ErrorReportValve to the
         * host: that one is replaced, so Tomcat's HTML page is never sent.
         */
        @Bean
        ProblemValveCustomizer problemErrorValve() {
            return new ProblemValveCustomizer();
        }
    }

    /**
     * Runs after Spring Boot's own Tomcat customizer (order 0), which adds a plain ErrorReportValve to the host:
     * that one is replaced, so Tomcat's HTML page is never sent.
     */
    static class ProblemValveCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorValve());
                if (host instanceof StandardHost standardHost) {
                    standardHost.setErrorReportValveClass(ProblemErrorValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
